// How tests and the benchmark launch Chromium: Debian's binary (Playwright's download cannot
// work here), with software WebGL and software WebGPU (both SwiftShader) available. The page
// refuses both for users (src/backend/choose.ts), so a test that does not ask for them runs as
// on a machine without a usable GPU; WebGPU needs a secure context, which localhost is.
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--ignore-gpu-blocklist', '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--no-sandbox'],
};
