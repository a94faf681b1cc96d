import { describe, expect, it } from 'vitest';
import { describeAdapter, softwareAdapterReason, SOFTWARE_RENDERERS } from './software-gpu';

describe('softwareAdapterReason', () => {
  it("refuses Chromium's SwiftShader adapter, as it reports itself headless here", () => {
    // Measured: Chromium 156 with --enable-unsafe-webgpu --use-webgpu-adapter=swiftshader.
    const swiftshader = { vendor: 'google', architecture: 'swiftshader', device: '', description: '', isFallbackAdapter: true };
    expect(softwareAdapterReason(swiftshader)).toBe('the WebGPU adapter is a software fallback (google swiftshader)');
  });

  it('refuses software adapters by name even when not flagged as fallback, and a fallback whose strings are blanked', () => {
    expect(softwareAdapterReason({ vendor: 'mesa', architecture: '', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).toContain('llvmpipe');
    expect(softwareAdapterReason({ vendor: 'mesa', device: 'lavapipe' })).toContain('software fallback');
    expect(softwareAdapterReason({ description: 'Microsoft Basic Render Driver' })).toContain('Basic Render Driver');
    expect(softwareAdapterReason({ vendor: '', architecture: '', isFallbackAdapter: true })).toBe('the WebGPU adapter is a software fallback');
  });

  it('accepts hardware adapters, including ones whose strings the browser blanks', () => {
    expect(softwareAdapterReason({ vendor: 'nvidia', architecture: 'ampere', description: '', isFallbackAdapter: false })).toBeNull();
    expect(softwareAdapterReason({ vendor: 'apple', architecture: 'metal-3' })).toBeNull();
    expect(softwareAdapterReason({ vendor: 'intel', architecture: 'gen-12lp', description: 'Intel(R) Iris(R) Xe Graphics' })).toBeNull();
    expect(softwareAdapterReason({})).toBeNull();
  });
});

describe('describeAdapter', () => {
  it('prefers the description, else vendor and architecture', () => {
    expect(describeAdapter({ vendor: 'nvidia', architecture: 'ampere', description: 'NVIDIA GeForce RTX 3060' })).toBe('NVIDIA GeForce RTX 3060');
    expect(describeAdapter({ vendor: 'google', architecture: 'swiftshader', description: '' })).toBe('google swiftshader');
    expect(describeAdapter({ vendor: '', architecture: '' })).toBe('unknown adapter');
  });
});

describe('SOFTWARE_RENDERERS', () => {
  it("matches the WebGL renderer SwiftShader reports, and not a hardware one's", () => {
    expect(SOFTWARE_RENDERERS.test('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe(true);
    expect(SOFTWARE_RENDERERS.test('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(false);
  });
});
