import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import {
  ImageProcessingError,
  ImportErrorCode,
  processImage,
  readAll,
  type ImportBatch,
} from '@kilde/api';
import type { ImageStep, StagedRecord } from './import-service';

export class ImageFailure extends Error {
  constructor(
    readonly code: ImportErrorCode,
    readonly pointer: string,
    message: string,
  ) {
    super(message);
  }
}

const EXT: Record<string, string> = {
  jpeg: '.jpg',
  png: '.png',
  gif: '.gif',
  webp: '.webp',
  avif: '.avif',
};

/**
 * Stores a record's images from the batch: processed (metadata stripped, variants made) by the
 * format library, written to Strapi's local upload folder and registered as upload files whose
 * `formats` are the variants, so the canonical document lists them.
 * @remarks Files are named by the hash of the input bytes: importing the same image again reuses
 * the stored file, and a rolled-back batch leaves at most files the next run reuses.
 */
export function imageStepFor(strapi: Core.Strapi, batch: ImportBatch): ImageStep {
  const uploads = join(strapi.dirs.static.public, 'uploads');
  return async (record: StagedRecord, _db: Knex | Knex.Transaction) => {
    const stored = new Map<string, number>();
    for (const ref of record.images) {
      const entry = batch.images.get(ref.path);
      if (!entry)
        throw new ImageFailure(
          ImportErrorCode.ImageNotFound,
          `${ref.pointer}/url`,
          `names ${ref.path}, which is not in the batch`,
        );
      const bytes = await readAll(await entry.open(), batch.limits.maxImageBytes);
      if (!bytes)
        throw new ImageFailure(
          ImportErrorCode.ImageTooLarge,
          `${ref.pointer}/url`,
          `${ref.path} is larger than ${batch.limits.maxImageBytes} bytes`,
        );
      let processed;
      try {
        processed = await processImage(bytes, batch.limits);
      } catch (err) {
        if (err instanceof ImageProcessingError)
          throw new ImageFailure(err.code, `${ref.pointer}/url`, `${ref.path} ${err.message}`);
        throw err;
      }
      const hash = `kimg_${processed.hash.slice(0, 24)}`;
      const files = strapi.db.query('plugin::upload.file');
      const existing = (await files.findOne({ select: ['id'], where: { hash } })) as {
        id?: number;
      } | null;
      if (existing?.id) {
        stored.set(ref.pointer, existing.id);
        continue;
      }
      await mkdir(uploads, { recursive: true });
      const o = processed.original;
      const originalName = `${hash}${EXT[o.format]}`;
      await writeFile(join(uploads, originalName), o.data);
      const formats: Record<string, unknown> = {};
      for (const v of processed.variants) {
        const name = `${hash}_${v.name.replace('.', '_')}${EXT[v.format]}`;
        await writeFile(join(uploads, name), v.data);
        formats[v.name.replace('.', '-')] = {
          name,
          hash: name.replace(/\.[a-z]+$/, ''),
          ext: EXT[v.format],
          mime: v.mime,
          width: v.width,
          height: v.height,
          size: Math.round(v.data.length / 10.24) / 100,
          sizeInBytes: v.data.length,
          url: `/uploads/${name}`,
          path: null,
        };
      }
      const created = (await files.create({
        data: {
          name: ref.path.split('/').pop() ?? originalName,
          alternativeText: ref.alt,
          hash,
          ext: EXT[o.format],
          mime: o.mime,
          size: Math.round(o.data.length / 10.24) / 100,
          width: o.width,
          height: o.height,
          url: `/uploads/${originalName}`,
          formats,
          provider: 'local',
          folderPath: '/',
        },
      })) as { id: number };
      stored.set(ref.pointer, created.id);
    }
    return stored;
  };
}
