/** NER tagging: BIO tags, words and their char spans, decoding tagger output into entity spans. */
export { parseTag, isTag, bioLabels, repairBio, type ParsedTag, type TagPrefix, type BioRepair } from './tags';
export { tagsToEntities, entitiesToTags, type WordEntity } from './entities';
export { joinWords, splitWords, type CharSpan } from './words';
export { decodeTags, decodeProbabilities, type EntitySpan, type DecodedTags } from './decode';
export { firstTokenOfWords } from './align';
