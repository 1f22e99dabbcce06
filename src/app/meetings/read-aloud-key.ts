import type { InjectionKey } from 'vue'
import type { useReadAloud } from '../ui/use-read-aloud'

export type ReadAloud = ReturnType<typeof useReadAloud>
/** One reader per page, so starting one card stops the one that was speaking. */
export const READ_ALOUD: InjectionKey<ReadAloud> = Symbol('read-aloud')
