// The contract from issue 5, copied literally: the import preview and the meeting editor build on it.

export interface ParsedAgendaItem {
  number: number
  title: string
  caseNumber?: string
  closed: boolean
  sections: {
    kind: 'resume' | 'recommendation' | 'decision' | 'description' | 'economy' | 'process' | 'other'
    heading: string
    text: string
  }[]
  attachments: string[]
}

export interface ParsedAgenda {
  kind: 'agenda' | 'minutes'
  council: string
  date: string /* YYYY-MM-DD */
  startTime?: string /* HH:MM */
  /** Added with issue 11: the end of "kl. 13.30-15.30", when the text gives one. */
  endTime?: string /* HH:MM */
  place?: string
  participants?: string
  absent?: string
  items: ParsedAgendaItem[]
}

export type ParsedAgendaSection = ParsedAgendaItem['sections'][number]
export type AgendaSectionKind = ParsedAgendaSection['kind']
