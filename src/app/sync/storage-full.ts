/**
 * The device has no room left; what the person typed is still on screen and must be kept there.
 * Apart from db-recovery.ts, which throws it: the app's error notice only needs to recognise it.
 */
export class StorageFullError extends Error {
  constructor() {
    super('The device storage is full.')
  }
}
