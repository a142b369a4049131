// What a file was when it was read, so that fix replaces it only if it still is: the reads
// (files.ts) take it, the atomic write (atomicWrite.ts) compares the file with it.
import type { BigIntStats } from 'node:fs';

/**
 * A file as it was read, taken before its bytes: a write by someone else, during or after the
 * read, changes the size or the modification time; a replacement (an editor's save, a copy moved
 * over it) changes the inode; and a change of the mode or owner, or a write whose time was set
 * back (touch -d, rsync -t), changes the status-change time, which no user can set.
 */
export interface FileIdentity {
  path: string;
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
}

export function identityOf(path: string, stats: BigIntStats): FileIdentity {
  return { path, dev: stats.dev, ino: stats.ino, size: stats.size, mtimeNs: stats.mtimeNs, ctimeNs: stats.ctimeNs };
}

export function sameInode(stats: BigIntStats, identity: FileIdentity): boolean {
  return stats.dev === identity.dev && stats.ino === identity.ino;
}

export function unchanged(stats: BigIntStats, identity: FileIdentity): boolean {
  return sameInode(stats, identity) && stats.size === identity.size && stats.mtimeNs === identity.mtimeNs && stats.ctimeNs === identity.ctimeNs;
}
