import { createHash } from 'node:crypto';
import type SharpModule from 'sharp';
import type { Metadata } from 'sharp';
import type { ImageVariant } from '@kilde/schemas';
import { ImportErrorCode } from './codes';
import { defaultImportLimits, type ImportLimits } from './limits';

/** Widths of the responsive variants (never enlarged beyond the original). */
export const VARIANT_WIDTHS = [320, 640, 1280] as const;

export interface ProcessedFile {
  /** File name suffix, e.g. `w640.webp` or `original.jpeg`. */
  name: string;
  format: ImageVariant['format'];
  mime: string;
  width: number;
  height: number;
  data: Buffer;
}

export interface ProcessedImage {
  /** sha256 of the input bytes: the same image imported twice is stored once. */
  hash: string;
  original: ProcessedFile;
  variants: ProcessedFile[];
}

/** An image could not be used; `code` says why, per image. */
export class ImageProcessingError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const MIME: Record<ImageVariant['format'], string> = {
  webp: 'image/webp',
  avif: 'image/avif',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
};

type SharpFactory = typeof SharpModule;
let sharpModule: SharpFactory | undefined;
function sharp(): SharpFactory {
  // Loaded on first use: processes that never see an image do not pay for libvips.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sharpModule ??= require('sharp') as SharpFactory;
  return sharpModule;
}

/**
 * Decodes an image and writes the original (re-encoded) plus WebP and AVIF variants at 320, 640
 * and 1280 px wide and in the original format.
 * @remarks sharp writes no metadata unless asked, so EXIF (GPS included), XMP and IPTC never
 * reach a stored file; the orientation is applied to the pixels first (`rotate()`), so nothing
 * turns sideways. `limitInputPixels` stops decompression bombs before decoding; animated GIFs
 * keep their frames.
 */
export async function processImage(
  input: Buffer,
  limits: Pick<ImportLimits, 'maxImageBytes' | 'maxImagePixels'> = defaultImportLimits,
): Promise<ProcessedImage> {
  if (input.length > limits.maxImageBytes)
    throw new ImageProcessingError(
      ImportErrorCode.ImageTooLarge,
      `is ${input.length} bytes; the limit is ${limits.maxImageBytes}`,
    );
  const s = sharp();
  let meta: Metadata;
  try {
    meta = await s(input, { limitInputPixels: limits.maxImagePixels, failOn: 'error' }).metadata();
  } catch (err) {
    const message = String((err as Error).message).split('\n')[0] ?? '';
    if (/pixel limit/i.test(message))
      throw new ImageProcessingError(
        ImportErrorCode.ImageTooLarge,
        `has more than ${limits.maxImagePixels} pixels (a decompression bomb?)`,
      );
    throw new ImageProcessingError(
      ImportErrorCode.ImageInvalid,
      `is not an image Kilde can read (${message})`,
    );
  }
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  if (!width || !height)
    throw new ImageProcessingError(ImportErrorCode.ImageInvalid, 'has no dimensions');
  if (width * height > limits.maxImagePixels)
    throw new ImageProcessingError(
      ImportErrorCode.ImageTooLarge,
      `has ${width}×${height} pixels; the limit is ${limits.maxImagePixels}`,
    );
  // Raster photos and graphics only: SVG and PDF can carry scripts and links, RAW is not for the web.
  const accepted: Record<string, ImageVariant['format']> = {
    jpeg: 'jpeg',
    png: 'png',
    gif: 'gif',
    webp: 'webp',
    heif: 'avif',
    tiff: 'jpeg',
  };
  const originalFormat = accepted[meta.format ?? ''];
  if (!originalFormat)
    throw new ImageProcessingError(
      ImportErrorCode.ImageInvalid,
      `is ${meta.format ?? 'an unknown format'}; Kilde takes JPEG, PNG, GIF, WebP, AVIF or TIFF`,
    );
  const animated = (meta.pages ?? 1) > 1;

  const encode = async (
    format: ImageVariant['format'],
    targetWidth: number | null,
    name: string,
  ): Promise<ProcessedFile> => {
    let pipeline = s(input, {
      limitInputPixels: limits.maxImagePixels,
      animated,
      failOn: 'error',
    }).rotate();
    if (targetWidth) pipeline = pipeline.resize({ width: targetWidth, withoutEnlargement: true });
    switch (format) {
      case 'webp':
        pipeline = pipeline.webp({ quality: 80 });
        break;
      case 'avif':
        pipeline = pipeline.avif({ quality: 55, effort: 2 });
        break;
      case 'png':
        pipeline = pipeline.png();
        break;
      case 'gif':
        pipeline = pipeline.gif();
        break;
      case 'jpeg':
        pipeline = pipeline.jpeg({ quality: 85, mozjpeg: true });
        break;
      default: {
        const unreachable: never = format;
        throw new Error(`Unknown format ${String(unreachable)}`);
      }
    }
    try {
      const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
      return {
        name,
        format,
        mime: MIME[format],
        width: info.width,
        height: info.pageHeight ?? info.height,
        data,
      };
    } catch (err) {
      throw new ImageProcessingError(
        ImportErrorCode.ImageInvalid,
        `could not be converted to ${format} (${String((err as Error).message).split('\n')[0]})`,
      );
    }
  };

  const original = await encode(originalFormat, null, `original.${originalFormat}`);
  const variants: ProcessedFile[] = [];
  for (const w of VARIANT_WIDTHS) {
    if (w >= width) continue;
    for (const format of ['webp', 'avif', originalFormat] as const)
      variants.push(await encode(format, w, `w${w}.${format}`));
  }
  return { hash: createHash('sha256').update(input).digest('hex'), original, variants };
}
