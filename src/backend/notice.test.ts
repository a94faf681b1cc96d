import { describe, expect, it } from 'vitest';
import { contextLossNotice, fallbackNotice } from './notice';

describe('fallbackNotice', () => {
  it('says nothing when WebGL runs or was never tried', () => {
    expect(fallbackNotice({ backend: 'webgl', skipped: [] })).toBeNull();
    expect(fallbackNotice({ backend: 'wasm', skipped: [] })).toBeNull();
  });

  it('says that the page fell back, to what, and why', () => {
    expect(fallbackNotice({ backend: 'wasm', skipped: ['webgl: no WebGL 2'] })).toBe(
      'No usable GPU here (no WebGL 2): the models run on WebAssembly on the CPU: slower than a GPU, same results.',
    );
    expect(fallbackNotice({ backend: 'wasm', skipped: ['webgl: WebGL is software-rendered (SwiftShader)'] })).toContain('No usable GPU here (WebGL is software-rendered (SwiftShader))');
    expect(fallbackNotice({ backend: 'cpu', skipped: ['webgl: no WebGL 2', 'wasm: not available'] })).toContain('plain JavaScript');
  });

  it('says nothing on a GPU, and names WebGPU only where the browser offered an adapter that was refused', () => {
    expect(fallbackNotice({ backend: 'webgpu', skipped: [] })).toBeNull();
    expect(fallbackNotice({ backend: 'webgl', skipped: ['webgpu: the WebGPU adapter is a software fallback (google swiftshader)'] })).toBeNull();
    expect(fallbackNotice({ backend: 'wasm', skipped: ['webgpu: no WebGPU', 'webgl: no WebGL 2'] })).toBe(
      'No usable GPU here (no WebGL 2): the models run on WebAssembly on the CPU: slower than a GPU, same results.',
    );
    expect(fallbackNotice({ backend: 'wasm', skipped: ['webgpu: no WebGPU adapter', 'webgl: no WebGL 2'] })).toContain('(no WebGL 2)');
    expect(fallbackNotice({ backend: 'wasm', skipped: ['webgpu: the WebGPU adapter is a software fallback (google swiftshader)', 'webgl: WebGL is software-rendered'] })).toBe(
      'No usable GPU here (WebGL is software-rendered; the WebGPU adapter is a software fallback (google swiftshader)): the models run on WebAssembly on the CPU: slower than a GPU, same results.',
    );
  });
});

describe('contextLossNotice', () => {
  it('tells the user what was lost and what happens now', () => {
    expect(contextLossNotice(1, false)).toBe(
      "The GPU's WebGL context was lost, taking the loaded models with it. Reloading them on a new context: your image and setting start again from x⁰.",
    );
    expect(contextLossNotice(2, true)).toContain('lost (2 times)');
    expect(contextLossNotice(2, true)).toContain('Continuing on WebAssembly');
    expect(contextLossNotice(1, false, 'webgpu')).toBe(
      "The GPU's WebGPU device was lost, taking the loaded models with it. Reloading them on a new device: your image and setting start again from x⁰.",
    );
  });
});
