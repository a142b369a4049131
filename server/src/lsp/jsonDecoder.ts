// How the server decodes a message body read from stdin: as vscode-jsonrpc does (the bytes as
// UTF-8, then JSON.parse; a failure is a rejected promise), except that a body of ASCII bytes
// (any message of an 837, whose text JSON writes with \u escapes past ASCII) is made a string a
// byte a character. The library's UTF-8 decoding made a 10 MB didOpen a second string on the
// JavaScript heap, on pages mapped afresh for every open; Node makes a long latin-1 string outside
// the heap, in memory malloc reuses (lsp/serverProcess.ts), and does it faster (a 10 MB didOpen:
// 32 ms of CPU from its bytes to the message instead of 38). The same string either way: ASCII
// bytes are their own UTF-8 characters.
import { isAscii } from 'node:buffer';
import { TextDecoder } from 'node:util';
import type { Message } from 'vscode-languageserver/node';

export const jsonDecoder = {
  name: 'application/json',
  decode(body: Uint8Array, options: { charset: BufferEncoding }): Promise<Message> {
    try {
      const utf8 = options.charset === 'utf-8' || options.charset === 'utf8';
      if (utf8 && isAscii(body)) return Promise.resolve(JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1')) as Message);
      // As the library decodes (ril.js applicationJson.decoder).
      const text = body instanceof Buffer ? body.toString(options.charset) : new TextDecoder(options.charset).decode(body);
      return Promise.resolve(JSON.parse(text) as Message);
    } catch (error) {
      return Promise.reject(error);
    }
  },
};
