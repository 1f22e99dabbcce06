/**
 * An agenda item's attachments are stored as text, the way agenda systems list them ("Bilag 1:
 * Menuplan"). When staff add the file's address (an https link or a path on this site) after
 * the name, residents get a link; otherwise the name alone, and the page says the file is not
 * in the app, so nobody hunts for a link that is not there.
 */
export interface AttachmentView {
  name: string
  url: string | null
}

const LINK = /(?:^|\s)(https:\/\/\S+|\/[^\s/]\S*)\s*$/

export function parseAttachment(text: string): AttachmentView {
  const trimmed = text.trim()
  const match = LINK.exec(trimmed)
  if (!match) return { name: trimmed, url: null }
  const url = match[1]!
  const name = trimmed.slice(0, match.index).replace(/[\s–—:-]+$/, '')
  return { name: name || fileName(url), url }
}

/** The last part of the address, for an attachment given only as a link. */
function fileName(url: string): string {
  const path = url.replace(/[?#].*$/, '').replace(/\/+$/, '')
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || url
}
