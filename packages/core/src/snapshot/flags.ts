/** virDomainSnapshotCreateFlags. */
export const SnapshotCreateFlags = {
  /** Restore or alter metadata of a snapshot taken elsewhere: the XML is trusted as written. */
  REDEFINE: 1 << 0,
  /** With REDEFINE: make it the current snapshot. */
  CURRENT: 1 << 1,
  /** Take the snapshot but keep no metadata for it. */
  NO_METADATA: 1 << 2,
  /** Stop the domain once the snapshot is taken. */
  HALT: 1 << 3,
  /** Disks only, no memory state. */
  DISK_ONLY: 1 << 4,
  REUSE_EXT: 1 << 5,
  QUIESCE: 1 << 6,
  ATOMIC: 1 << 7,
  LIVE: 1 << 8,
  VALIDATE: 1 << 9,
} as const;

/**
 * virDomainSnapshotListFlags. ROOTS (listing a domain's snapshots) and
 * DESCENDANTS (listing a snapshot's children) share a bit. The filter
 * groups (leaves, metadata, state, location) each pass everything when none
 * or all of their bits are set.
 */
export const SnapshotListFlags = {
  ROOTS: 1 << 0,
  DESCENDANTS: 1 << 0,
  METADATA: 1 << 1,
  LEAVES: 1 << 2,
  NO_LEAVES: 1 << 3,
  NO_METADATA: 1 << 4,
  /** Taken while the domain was shut off. */
  INACTIVE: 1 << 5,
  /** Taken while the domain ran (memory included). */
  ACTIVE: 1 << 6,
  DISK_ONLY: 1 << 7,
  INTERNAL: 1 << 8,
  EXTERNAL: 1 << 9,
  /** Parents before children (otherwise in no particular order). */
  TOPOLOGICAL: 1 << 10,
} as const;

/** virDomainSnapshotRevertFlags. */
export const SnapshotRevertFlags = { RUNNING: 1 << 0, PAUSED: 1 << 1, FORCE: 1 << 2, RESET_NVRAM: 1 << 3 } as const;

/** virDomainSnapshotDeleteFlags. */
export const SnapshotDeleteFlags = { CHILDREN: 1 << 0, METADATA_ONLY: 1 << 1, CHILDREN_ONLY: 1 << 2 } as const;

/** virDomainSnapshotXMLFlags. */
export const SnapshotXmlFlags = { SECURE: 1 << 0 } as const;
