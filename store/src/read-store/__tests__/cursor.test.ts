import { ValidationError } from '@kilde/schemas';
import { decodeCursor, encodeCursor } from '../cursor';

describe('document cursors', () => {
  it('round-trips a position', () => {
    const position = { updatedAt: '2026-03-01T12:00:00.000Z', id: 'art-001' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('rejects anything that is not a cursor with a ValidationError on /after', () => {
    for (const bad of ['', 'bm90IGpzb24', Buffer.from('[1,2]').toString('base64url')]) {
      try {
        decodeCursor(bad);
        throw new Error('expected a ValidationError');
      } catch (err) {
        expect(err).toBeInstanceOf(ValidationError);
        expect((err as ValidationError).details.errors[0]?.path).toBe('/after');
      }
    }
  });
});
