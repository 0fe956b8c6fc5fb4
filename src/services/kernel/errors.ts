/**
 * Errors a user may see. The interaction boundary turns a `DomainError` into a short
 * ephemeral answer; anything else becomes a generic answer with a reference id.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly userMessage: string,
  ) {
    super(`${code}: ${userMessage}`);
    this.name = new.target.name;
  }
}

/** Input that breaks a rule (a name too long, a capacity out of range). */
export class ValidationError extends DomainError {
  constructor(userMessage: string) {
    super('invalid-input', userMessage);
  }
}

/** Something the caller named does not exist, or is not theirs to see. */
export class NotFoundError extends DomainError {
  constructor(userMessage: string) {
    super('not-found', userMessage);
  }
}

/** The caller may not do this. */
export class ForbiddenError extends DomainError {
  constructor(userMessage: string) {
    super('forbidden', userMessage);
  }
}

/** The request clashes with the current state (already a member, circle locked). */
export class ConflictError extends DomainError {
  constructor(userMessage: string) {
    super('conflict', userMessage);
  }
}

/** Raised by repositories when a unique constraint is violated. */
export class DuplicateError extends Error {
  constructor(readonly target: string) {
    super(`duplicate ${target}`);
    this.name = 'DuplicateError';
  }
}

/** Raised by the platform when a server already has its maximum of scheduled events (100 on Discord). */
export class EventLimitError extends Error {
  constructor() {
    super('the server has reached its limit of scheduled events');
    this.name = 'EventLimitError';
  }
}
