/**
 * Patches → Prisma update data, for every repository's update. A patch (a `Partial<Pick<…>>` of a
 * domain type, see the ports) holds the fields to change; a field that is absent or undefined
 * stays as it is. Each field is written to the column of its name, except those an encoder writes
 * in another form (a list kept as JSON text, a name that also sets its key).
 */

type Defined<T> = Exclude<T, undefined>;

/** The fields of `Patch` that the column of the same name in `Data` takes as they are. */
type StoredAsIs<Patch, Data> = {
  [K in keyof Patch]-?: K extends keyof Data ? (Defined<Patch[K]> extends Data[K] ? K : never) : never;
}[keyof Patch];

/**
 * How fields are written in another form: each encoder takes the field's value and returns the
 * update data it sets. Required for a field no column takes as it is, so a field whose storage
 * differs cannot be forgotten; optional for the others.
 */
export type Encoders<Patch, Data> = {
  [K in Exclude<keyof Patch, StoredAsIs<Patch, Data>>]-?: (value: Defined<Patch[K]>) => Data;
} & {
  [K in StoredAsIs<Patch, Data>]?: (value: Defined<Patch[K]>) => Data;
};

/** The encoders argument: optional when no field needs one. */
type EncodersArgument<Patch, Data> =
  object extends Encoders<Patch, Data>
    ? [encoders?: Encoders<Patch, Data>]
    : [encoders: Encoders<Patch, Data>];

/**
 * The update data of `patch`: undefined fields dropped, each other field under its own name or,
 * when it has an encoder, as the encoder writes it.
 *
 *   updateData<CirclePatch, Prisma.CircleUpdateInput>(patch, {
 *     reminderLeadMinutes: (minutes) => ({ reminderLeadMinutes: leadMinutesText(minutes) }),
 *   })
 *
 * @param patch - The fields to change.
 * @param encoders - Writers of the fields stored in another form (see {@link Encoders}).
 * @returns Data for Prisma's `update` / `updateMany`; `{}` for an empty patch.
 */
export function updateData<Patch extends object, Data extends object>(
  patch: Patch,
  ...[encoders]: EncodersArgument<Patch, Data>
): Data {
  const writers = (encoders ?? {}) as Partial<Record<string, (value: unknown) => object>>;
  const data: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(patch) as [string, unknown][]) {
    if (value === undefined) continue;
    const encode = writers[field];
    Object.assign(data, encode === undefined ? { [field]: value } : encode(value));
  }
  return data as Data;
}
