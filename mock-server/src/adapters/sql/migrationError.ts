/**
 * Raised when a database cannot be brought to this code's schema: it is newer than the code, its
 * applied migrations differ from ours, or an upgrade step lacks what it needs (e.g. a key folder).
 * Its own module so that migrations may throw it without importing the database opener that
 * loads them.
 */
export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}
