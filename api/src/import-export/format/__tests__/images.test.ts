import sharp from 'sharp';
import { ImageProcessingError, ImportErrorCode, processImage } from '..';

/** A JPEG with a camera make and GPS position in its EXIF (IFD3 is the GPS directory in libvips). */
export async function photoWithGps(width = 1600, height = 1000): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 60 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'KildeCam', Copyright: 'Fotograf' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '59/1 54/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '10/1 45/1 0/1',
      },
    })
    .toBuffer();
}

const hasGps = (exif: Buffer | undefined): boolean =>
  !!exif && exif.toString('hex').includes('2588');

describe('image processing', () => {
  it('strips EXIF and GPS from the original and every variant, and makes WebP, AVIF and original-format variants', async () => {
    const input = await photoWithGps();
    expect(hasGps((await sharp(input).metadata()).exif)).toBe(true);
    const out = await processImage(input);
    expect(out.original).toMatchObject({ format: 'jpeg', width: 1600, height: 1000 });
    expect(out.variants.map((v) => `${v.width}.${v.format}`)).toEqual([
      '320.webp',
      '320.avif',
      '320.jpeg',
      '640.webp',
      '640.avif',
      '640.jpeg',
      '1280.webp',
      '1280.avif',
      '1280.jpeg',
    ]);
    for (const file of [out.original, ...out.variants]) {
      const meta = await sharp(file.data).metadata();
      expect({ name: file.name, exif: meta.exif, format: meta.format }).toEqual({
        name: file.name,
        exif: undefined,
        format: file.format === 'avif' ? 'heif' : file.format,
      });
      expect(file.data.includes(Buffer.from('KildeCam'))).toBe(false);
    }
    expect(out.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('never enlarges: a small image gets only the variants below its width', async () => {
    const small = await sharp({
      create: { width: 500, height: 300, channels: 4, background: '#00ff0080' },
    })
      .png()
      .toBuffer();
    const out = await processImage(small);
    expect(out.original.format).toBe('png');
    expect(out.variants.map((v) => `${v.width}.${v.format}`)).toEqual([
      '320.webp',
      '320.avif',
      '320.png',
    ]);
  });

  it('refuses files that are not images, and images over the pixel limit, per image with a code', async () => {
    await expect(processImage(Buffer.from('<html>not an image</html>'))).rejects.toMatchObject({
      code: ImportErrorCode.ImageInvalid,
    });
    await expect(processImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).rejects.toBeInstanceOf(
      ImageProcessingError,
    );
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    );
    await expect(processImage(svg)).rejects.toMatchObject({ code: ImportErrorCode.ImageInvalid });
    const big = await sharp({
      create: { width: 200, height: 200, channels: 3, background: '#fff' },
    })
      .png()
      .toBuffer();
    await expect(
      processImage(big, { maxImageBytes: 1e9, maxImagePixels: 10_000 }),
    ).rejects.toMatchObject({ code: ImportErrorCode.ImageTooLarge });
    await expect(
      processImage(big, { maxImageBytes: 10, maxImagePixels: 1e9 }),
    ).rejects.toMatchObject({ code: ImportErrorCode.ImageTooLarge });
  });
});
