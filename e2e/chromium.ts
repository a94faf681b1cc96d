// How tests and the benchmark launch Chromium: Debian's binary (Playwright's download cannot
// work here), with software WebGL (SwiftShader) available.
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--ignore-gpu-blocklist', '--no-sandbox'],
};
