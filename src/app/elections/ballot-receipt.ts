import { envelopeHash, formatReceipt, receiptCode, type Envelope } from '../../shared/elections/envelope'
import { noblePrimitives } from '../../shared/elections/noble-primitives'

/** A ballot's receipt as the voter saw it; its own module so the crypto loads only when needed. */
export const ballotReceipt = (envelope: Envelope): string => formatReceipt(receiptCode(envelopeHash(noblePrimitives, envelope)))
