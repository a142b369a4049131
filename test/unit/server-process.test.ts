// The environment the server is started with: the malloc settings added, a user's own kept.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { serverEnvironment } from '../../server/src/lsp/serverProcess';

describe('serverEnvironment', () => {
  test('adds the malloc settings to an environment without GLIBC_TUNABLES, and keeps the rest', () => {
    const env = serverEnvironment({ PATH: '/usr/bin', HOME: '/home/coder' });
    assert.equal(env.PATH, '/usr/bin');
    assert.equal(env.HOME, '/home/coder');
    assert.equal(env.GLIBC_TUNABLES, 'glibc.malloc.mmap_threshold=1073741824:glibc.malloc.trim_threshold=1073741824');
  });

  test('keeps the tunables a user set, their own values included, and adds only the missing ones', () => {
    assert.equal(
      serverEnvironment({ GLIBC_TUNABLES: 'glibc.malloc.trim_threshold=131072:glibc.cpu.hwcaps=-AVX2' }).GLIBC_TUNABLES,
      'glibc.malloc.trim_threshold=131072:glibc.cpu.hwcaps=-AVX2:glibc.malloc.mmap_threshold=1073741824',
    );
    const both = 'glibc.malloc.mmap_threshold=65536:glibc.malloc.trim_threshold=65536';
    assert.equal(serverEnvironment({ GLIBC_TUNABLES: both }).GLIBC_TUNABLES, both);
  });
});
