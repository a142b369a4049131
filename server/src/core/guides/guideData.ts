// The generated guide data (data/guides.json, inlined by esbuild; shapes in schema.ts), read by
// the definitions of elements and segments (segmentDefinitions.ts) and the guides' linking (load.ts).
import rawData from './data/guides.json';
import type { GuideData } from './schema';

export const DATA = rawData as unknown as GuideData;
