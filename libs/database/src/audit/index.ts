export { canonicalJson, type CanonicalValue } from './canonical-json';
export { GENESIS_HASH, chainNext, entryHash, verifyChain, type BrokenLink, type BrokenLinkReason, type ChainHead, type ChainVerdict, type ChainedEntry } from './audit-chain';
