/** Discord JSON error codes used by the emulator. */
export const ErrorCode = {
  General: 0,
  UnknownChannel: 10003,
  UnknownGuild: 10004,
  UnknownMember: 10007,
  UnknownMessage: 10008,
  UnknownOverwrite: 10009,
  UnknownRole: 10011,
  UnknownUser: 10013,
  UnknownWebhook: 10015,
  UnknownApplicationCommand: 10063,
  UnknownInteraction: 10062,
  Unauthorized: 40001,
  InteractionAlreadyAcknowledged: 40060,
  MissingAccess: 50001,
  CannotSendMessagesToThisUser: 50007,
  MissingPermissions: 50013,
  InvalidWebhookToken: 50027,
  InvalidFormBody: 50035,
  MaximumChannels: 30013,
  MaximumRoles: 30005,
  MaximumAttachments: 30015,
  RequestEntityTooLarge: 40005,
  UnknownGuildScheduledEvent: 10070,
  MaximumUncompletedGuildScheduledEvents: 30038,
  EventEntityTypeMismatch: 50091,
  CannotUpdateFinishedEvent: 180000,
} as const;

/** An error answered to the REST client in Discord's JSON form `{ message, code }`. */
export class ApiError extends Error {
  /**
   * @param status - HTTP status code.
   * @param code - Discord JSON error code.
   * @param message - Human readable message, as Discord words it.
   * @param errors - Optional nested `errors` object (for 50035 Invalid Form Body).
   */
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The JSON body Discord would send. */
  toJSON(): Record<string, unknown> {
    return this.errors
      ? { message: this.message, code: this.code, errors: this.errors }
      : { message: this.message, code: this.code };
  }
}

/** Shorthands for the errors the routes raise. */
export const errors = {
  unknownChannel: () => new ApiError(404, ErrorCode.UnknownChannel, 'Unknown Channel'),
  unknownGuild: () => new ApiError(404, ErrorCode.UnknownGuild, 'Unknown Guild'),
  unknownMember: () => new ApiError(404, ErrorCode.UnknownMember, 'Unknown Member'),
  unknownMessage: () => new ApiError(404, ErrorCode.UnknownMessage, 'Unknown Message'),
  unknownOverwrite: () => new ApiError(404, ErrorCode.UnknownOverwrite, 'Unknown Overwrite'),
  unknownRole: () => new ApiError(404, ErrorCode.UnknownRole, 'Unknown Role'),
  unknownUser: () => new ApiError(404, ErrorCode.UnknownUser, 'Unknown User'),
  unknownWebhook: () => new ApiError(404, ErrorCode.UnknownWebhook, 'Unknown Webhook'),
  unknownCommand: () => new ApiError(404, ErrorCode.UnknownApplicationCommand, 'Unknown application command'),
  unknownScheduledEvent: () =>
    new ApiError(404, ErrorCode.UnknownGuildScheduledEvent, 'Unknown Guild Scheduled Event'),
  unknownInteraction: () => new ApiError(404, ErrorCode.UnknownInteraction, 'Unknown interaction'),
  alreadyAcknowledged: () =>
    new ApiError(400, ErrorCode.InteractionAlreadyAcknowledged, 'Interaction has already been acknowledged.'),
  unauthorized: () => new ApiError(401, 0, '401: Unauthorized'),
  missingAccess: () => new ApiError(403, ErrorCode.MissingAccess, 'Missing Access'),
  missingPermissions: () => new ApiError(403, ErrorCode.MissingPermissions, 'Missing Permissions'),
  cannotDm: () =>
    new ApiError(403, ErrorCode.CannotSendMessagesToThisUser, 'Cannot send messages to this user'),
  invalidWebhookToken: () => new ApiError(401, ErrorCode.InvalidWebhookToken, 'Invalid Webhook Token'),
  notFound: () => new ApiError(404, 0, '404: Not Found'),
  tooManyAttachments: () =>
    new ApiError(
      400,
      ErrorCode.MaximumAttachments,
      'Maximum number of attachments in a message reached (10)',
    ),
  requestEntityTooLarge: () => new ApiError(413, ErrorCode.RequestEntityTooLarge, 'Request entity too large'),
  /**
   * 50035 with one error nested at `path`, as Discord nests them, e.g. `invalidFormAt(['attachments', '1'], ...)`
   * answers `errors: { attachments: { 1: { _errors: [...] } } }`.
   */
  invalidFormAt: (path: string[], code: string, message: string) =>
    new ApiError(
      400,
      ErrorCode.InvalidFormBody,
      'Invalid Form Body',
      path.reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), {
        _errors: [{ code, message }],
      }),
    ),
  /** 50035 with one field error, e.g. `invalidForm('name', 'BASE_TYPE_REQUIRED', 'This field is required')`. */
  invalidForm: (field: string, code: string, message: string) =>
    new ApiError(400, ErrorCode.InvalidFormBody, 'Invalid Form Body', {
      [field]: { _errors: [{ code, message }] },
    }),
};
