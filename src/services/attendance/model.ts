/** The model of the attendance feature: plain data only. */
export type AttendanceRole = 'participant' | 'facilitator' | 'presenter';

/** A check-in: who attended which meeting, in what role. */
export interface Attendance {
  meetingId: string;
  circleId: string;
  userId: string;
  role: AttendanceRole;
  checkedInAt: Date;
}
