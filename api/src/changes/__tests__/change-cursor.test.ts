import { decodeChangeCursor, encodeChangeCursor } from '../change-cursor';

describe('change cursors', () => {
  it('round-trip sequence numbers', () => {
    for (const seq of [0, 1, 42, 9_007_199_254]) expect(decodeChangeCursor(encodeChangeCursor(seq))).toBe(seq);
  });

  it('refuse anything else as BAD_USER_INPUT', () => {
    for (const bad of ['', 'abc', Buffer.from('kc1:-1').toString('base64url'), Buffer.from('kc1:x').toString('base64url')]) {
      expect(() => decodeChangeCursor(bad)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
    }
  });
});
