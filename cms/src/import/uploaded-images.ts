import { readFile, writeFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '@strapi/strapi';
import { ImageProcessingError, processImage, defaultImportLimits } from '@kilde/api';

/** The file object Strapi's upload plugin passes between its steps (the fields Kilde touches). */
interface UploadFile {
  name: string;
  hash: string;
  ext?: string;
  mime?: string;
  filepath?: string;
  tmpWorkingDirectory?: string;
  path?: string | null;
  width?: number | null;
  height?: number | null;
  size?: number;
  sizeInBytes?: number;
  getStream: () => NodeJS.ReadableStream;
}

interface ImageManipulation {
  optimize(file: UploadFile): Promise<UploadFile>;
  generateResponsiveFormats(file: UploadFile): Promise<{ key: string; file: UploadFile }[]>;
}

const EXT: Record<string, string> = {
  jpeg: '.jpg',
  png: '.png',
  gif: '.gif',
  webp: '.webp',
  avif: '.avif',
};
const kb = (bytes: number): number => Math.round(bytes / 10.24) / 100;

/**
 * Images uploaded in the admin get the same treatment as imported ones: Strapi's upload plugin
 * is kept (its providers, media library and thumbnails), but its two image steps are replaced —
 * `optimize` always re-encodes without metadata (Strapi's keeps the original, EXIF and GPS
 * included, when re-encoding would make it bigger or when optimisation is off), and the
 * responsive formats are WebP, AVIF and the original format at 320/640/1280 px.
 * @remarks Files that are not raster images sharp accepts are passed through unchanged.
 */
export function useKildeImagePipeline(strapi: Core.Strapi): void {
  const service = strapi.plugin('upload')?.service('image-manipulation') as
    | ImageManipulation
    | undefined;
  if (!service) return;
  const processed = new Map<string, Awaited<ReturnType<typeof processImage>>>();
  const work = (file: UploadFile, name: string): string =>
    file.tmpWorkingDirectory ? join(file.tmpWorkingDirectory, name) : name;

  async function load(file: UploadFile): Promise<Buffer> {
    if (file.filepath) return readFile(file.filepath);
    const chunks: Buffer[] = [];
    for await (const c of file.getStream() as AsyncIterable<Buffer>) chunks.push(c);
    return Buffer.concat(chunks);
  }

  service.optimize = async (file) => {
    let out;
    try {
      out = await processImage(await load(file), defaultImportLimits);
    } catch (err) {
      if (err instanceof ImageProcessingError) return file;
      throw err;
    }
    // Strapi asks for formats right after (only for the formats it resizes); keep a few, not all.
    if (processed.size >= 20) processed.delete(processed.keys().next().value as string);
    processed.set(file.hash, out);
    const path = work(file, `kilde-${file.hash}${EXT[out.original.format]}`);
    await writeFile(path, out.original.data);
    return {
      ...file,
      filepath: path,
      ext: EXT[out.original.format],
      mime: out.original.mime,
      getStream: () => createReadStream(path),
      width: out.original.width,
      height: out.original.height,
      size: kb(out.original.data.length),
      sizeInBytes: out.original.data.length,
    };
  };

  service.generateResponsiveFormats = async (file) => {
    const out = processed.get(file.hash);
    processed.delete(file.hash);
    if (!out) return [];
    const formats: { key: string; file: UploadFile }[] = [];
    for (const v of out.variants) {
      const key = v.name.replace('.', '-');
      const hash = `${key}_${file.hash}`;
      const path = work(file, `${hash}${EXT[v.format]}`);
      await writeFile(path, v.data);
      formats.push({
        key,
        file: {
          name: `${key}_${file.name}`,
          hash,
          ext: EXT[v.format],
          mime: v.mime,
          filepath: path,
          path: file.path ?? null,
          getStream: () => createReadStream(path),
          width: v.width,
          height: v.height,
          size: kb(v.data.length),
          sizeInBytes: v.data.length,
        },
      });
    }
    return formats;
  };
}
