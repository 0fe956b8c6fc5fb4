/** The model of the meetings feature: plain data only. */
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A circle's recurring meeting time: a local wall time in an IANA zone. */
export interface Schedule {
  circleId: string;
  weekday: Weekday;
  /** Local wall time, `HH:MM`. */
  localTime: string;
  /** IANA time zone, e.g. `Europe/Berlin`. */
  timeZone: string;
  everyWeeks: number;
  durationMinutes: number;
  /** Local date (`YYYY-MM-DD`) on or after which the first meeting falls. */
  startsOn: string;
  /** Counts changes of the schedule; meetings of an earlier revision are cancelled, never reused. */
  revision: number;
  /** Meetings exist up to this instant; the scheduler rolls it forward. */
  materialisedUntil: Date;
  createdBy: string;
  updatedAt: Date;
}

export type MeetingStatus = 'scheduled' | 'cancelled' | 'held';

/** One occurrence of a schedule. Instants are UTC. */
export interface Meeting {
  id: string;
  circleId: string;
  guildId: string;
  /** The slot in the schedule, `r<revision>:<local date>`; unique per circle, kept when moved. */
  occurrence: string;
  startsAt: Date;
  endsAt: Date;
  status: MeetingStatus;
  /** Start before the meeting was moved, if it was. */
  movedFrom: Date | null;
  facilitatorId: string | null;
  coFacilitatorId: string | null;
  /** Whose turn the rotation counted this meeting as; a swap changes the facilitator, not this. */
  turnOwnerId: string | null;
  /** When the facilitator was fixed (at the first reminder); null while it may still change. */
  assignedAt: Date | null;
  /** The Discord scheduled event that announces it, if any. */
  scheduledEventId: string | null;
  /** When members' attendance standing was reviewed after it ended; null before. */
  reviewedAt: Date | null;
  /** True when the circle's leaders turned drop-in places off for this meeting. */
  dropInsOff: boolean;
  createdAt: Date;
}

export type NewMeeting = Pick<Meeting, 'circleId' | 'guildId' | 'occurrence' | 'startsAt' | 'endsAt'>;
