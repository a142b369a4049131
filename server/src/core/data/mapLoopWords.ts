// The loops pyx12's maps of the implementation guides add around the guide's own (the envelope's
// ISA_LOOP, GS_LOOP and ST_LOOP, the HEADER and DETAIL wrappers), in the words a message uses for
// them: no guide or clearinghouse report names them by these ids (guides/loopWords.ts).
export const MAP_LOOP_WORDS: Readonly<Record<string, string>> = {
  ISA_LOOP: 'the interchange',
  GS_LOOP: 'the functional group',
  ST_LOOP: 'the transaction set',
  HEADER: "the transaction set's header",
  DETAIL: "the transaction set's detail",
};
