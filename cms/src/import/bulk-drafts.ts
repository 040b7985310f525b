import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { contentTypes, sanitize } from '@strapi/utils';
import { compileDraftCheck, type DraftCheck, type StrapiModel } from './draft-rules';

type Db = Knex | Knex.Transaction;
type Row = Record<string, unknown>;

/** A join table as Strapi's database metadata describes it. */
interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  orderColumnName?: string;
  inverseOrderColumnName?: string;
  on?: Record<string, unknown>;
}

interface DbAttribute {
  type: string;
  relation?: string;
  target?: string;
  joinTable?: JoinTable;
  inversedBy?: string;
  mappedBy?: string;
}

/** How one relation or component attribute is linked to the entry row. */
interface Link {
  attribute: string;
  table: JoinTable;
  /** `oneToMany`/`manyToMany` links carry their position (Strapi's `hasOrderColumn`). */
  ordered: boolean;
  /** Set for components: the component model whose rows the link points at. */
  component?: string;
  /** Set for relations: the content type the link points at. */
  target?: string;
}

/** One new draft variant for the bulk path. */
export interface DraftVariant {
  documentId: string;
  locale: string;
  /** Entry data as the document service would take it, relations named by documentId. */
  data: Row;
}

/** The Strapi column Strapi's component service fills from `__pivot.component_type`. */
const COMPONENT_TYPE_COLUMN = 'component_type';
const IN_CHUNK = 500;
/** Attributes Strapi fills itself (the writer sets the first three on every row). */
const SYSTEM_FIELDS = new Set(['documentId', 'locale', 'publishedAt', 'createdAt', 'updatedAt']);

const isAnyToMany = (relation: string | undefined): boolean =>
  relation === 'oneToMany' || relation === 'manyToMany';

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Writes many new draft documents of one content type with a few statements per page instead
 * of Strapi's ~30 per entry, producing the same rows the document service's `create` would.
 * @remarks It sits one layer below the document service, on Strapi's query engine: entry and
 * component rows go through `strapi.db.query(uid).createMany` (Strapi's column mapping, defaults,
 * and its `beforeCreateMany`/`afterCreateMany` lifecycle subscribers — the timestamps), join
 * rows are built from Strapi's database metadata (tables, columns, order columns), and after the
 * transaction commits each entry is announced as `entry.create` on Strapi's event hub, populated
 * and sanitized as Strapi does. What it does not do is run the document-service middlewares; the
 * import calls the workflow's write rule (`admitDraftWrite`) and Strapi's draft validation rules
 * (`draft-rules.ts`) itself, and uses this path only for *new* documents, whose locales it
 * writes together, so Strapi's i18n middleware would have nothing to synchronise. Models it does
 * not understand (dynamic zones, nested components, bidirectional or polymorphic relations,
 * inverse order columns, model lifecycles, no draft & publish or no i18n) get no writer, and
 * their records go through the document service. `import-bulk.int.test.ts` compares what both
 * paths write.
 */
export class BulkDraftWriter {
  private constructor(
    private readonly strapi: Core.Strapi,
    readonly uid: string,
    private readonly model: StrapiModel,
    private readonly scalars: string[],
    private readonly links: Link[],
    private readonly draftCheck: DraftCheck,
    /** Attributes shared by all locales of a document (Strapi's i18n keeps them in sync). */
    readonly nonLocalized: string[],
  ) {}

  /** A writer for `uid`, or null when its model has something this path does not write. */
  static for(strapi: Core.Strapi, uid: string): BulkDraftWriter | null {
    const ct = strapi.contentType(uid as never) as unknown as StrapiModel & {
      options?: { draftAndPublish?: boolean };
      pluginOptions?: { i18n?: { localized?: boolean } };
      lifecycles?: Record<string, unknown>;
    };
    if (!ct || ct.options?.draftAndPublish !== true || ct.pluginOptions?.i18n?.localized !== true)
      return null;
    if (ct.lifecycles && Object.keys(ct.lifecycles).length > 0) return null;
    const draftCheck = compileDraftCheck(strapi, uid);
    if (!draftCheck) return null;
    const meta = strapi.db.metadata.get(uid) as unknown as {
      attributes: Record<string, DbAttribute>;
    };
    const writable = new Set(contentTypes.getWritableAttributes(ct as never));
    const scalars: string[] = [];
    const links: Link[] = [];
    const nonLocalized: string[] = [];
    for (const [name, attr] of Object.entries(ct.attributes)) {
      if (!writable.has(name) || SYSTEM_FIELDS.has(name)) continue;
      if (attr.pluginOptions?.i18n?.localized !== true) nonLocalized.push(name);
      if (contentTypes.isScalarAttribute(attr)) {
        if (attr.type === 'password') return null;
        scalars.push(name);
        continue;
      }
      if (attr.type === 'media') continue; // the draft rules admit only empty media
      const dbAttr = meta.attributes[name];
      const table = dbAttr?.joinTable;
      if (!dbAttr || dbAttr.type !== 'relation' || !table) return null;
      if (dbAttr.inversedBy || dbAttr.mappedBy || table.inverseOrderColumnName) return null;
      if (attr.type === 'component') {
        const component = strapi.getModel(attr.component as never) as unknown as StrapiModel;
        const flat = Object.values(component.attributes).every(
          (a) => contentTypes.isScalarAttribute(a as never) || a.type === 'media',
        );
        if (!flat) return null;
        links.push({
          attribute: name,
          table,
          ordered: isAnyToMany(dbAttr.relation),
          component: attr.component,
        });
      } else if (attr.type === 'relation' && !String(attr.relation).startsWith('morph')) {
        links.push({
          attribute: name,
          table,
          ordered: isAnyToMany(dbAttr.relation),
          target: dbAttr.target,
        });
      } else return null;
    }
    return new BulkDraftWriter(strapi, uid, ct, scalars, links, draftCheck, nonLocalized);
  }

  /** A new document id from Strapi's own generator (the `documentId` attribute's default). */
  newDocumentId(): string {
    const attr = (
      this.strapi.db.metadata.get(this.uid) as unknown as {
        attributes: { documentId?: { default?: unknown } };
      }
    ).attributes.documentId;
    if (typeof attr?.default !== 'function')
      throw new Error(`${this.uid} has no documentId generator`);
    return String((attr.default as () => unknown)());
  }

  /** Why Strapi might refuse `data` as a draft, or null when its draft rules certainly hold. */
  check(data: Row): string | null {
    return this.draftCheck(data);
  }

  /**
   * Writes the variants as drafts in the current transaction and returns their entry ids in order;
   * a variant whose relation target has no draft in its locale is not written and gets the reason
   * instead (the caller sends it through the document service).
   */
  async write(db: Db, variants: DraftVariant[]): Promise<(number | string)[]> {
    const out: (number | string)[] = variants.map(() => 0);
    // 1. Relation targets: the target's draft row in the variant's locale, as Strapi links drafts.
    const relationIds = new Map<string, (number | number[] | null)[]>();
    for (const link of this.links.filter((l) => l.target)) {
      const wanted = new Set<string>();
      for (const v of variants) for (const d of asList(v.data[link.attribute])) wanted.add(d);
      const rows: { id: number; documentId: string; locale: string }[] = [];
      for (const part of chunks([...wanted], IN_CHUNK))
        rows.push(
          ...((await this.strapi.db.query(link.target as never).findMany({
            select: ['id', 'documentId', 'locale'],
            where: { documentId: { $in: part }, publishedAt: null },
          })) as { id: number; documentId: string; locale: string }[]),
        );
      const byKey = new Map(rows.map((r) => [`${r.documentId}\u0000${r.locale}`, r.id]));
      relationIds.set(
        link.attribute,
        variants.map((v, i) => {
          const value = v.data[link.attribute];
          if (value === null || value === undefined) return null;
          const ids = asList(value).map((d) => byKey.get(`${d}\u0000${v.locale}`));
          if (ids.some((id) => id === undefined)) {
            out[i] = `${link.attribute}: a target has no ${v.locale} draft`;
            return null;
          }
          return Array.isArray(value) ? (ids as number[]) : (ids[0] as number);
        }),
      );
    }
    const kept = variants.map((_, i) => i).filter((i) => typeof out[i] !== 'string');
    if (kept.length === 0) return out;

    // 2. Component rows, one `createMany` per component model.
    const componentIds = new Map<string, (number | number[] | null)[]>();
    for (const link of this.links.filter((l) => l.component)) {
      const rows: Row[] = [];
      const owners: { index: number }[] = [];
      for (const i of kept) {
        const value = (variants[i] as DraftVariant).data[link.attribute];
        for (const item of asObjects(value)) {
          // As Strapi's component service: never keep a component id the input names.
          const fields = { ...item };
          delete fields.id;
          rows.push(fields);
          owners.push({ index: i });
        }
      }
      const ids = rows.length > 0 ? await this.createMany(link.component as string, rows) : [];
      const perVariant: (number | number[] | null)[] = variants.map((v) =>
        Array.isArray(v.data[link.attribute]) ? [] : null,
      );
      owners.forEach(({ index }, n) => {
        const slot = perVariant[index];
        if (Array.isArray(slot)) slot.push(ids[n] as number);
        else perVariant[index] = ids[n] as number;
      });
      componentIds.set(link.attribute, perVariant);
    }

    // 3. Entry rows: scalars, the document id and locale, unpublished (the model's default is now).
    const entryIds = await this.createMany(
      this.uid,
      kept.map((i) => {
        const v = variants[i] as DraftVariant;
        const row: Row = {};
        for (const name of this.scalars) if (v.data[name] !== undefined) row[name] = v.data[name];
        return { ...row, documentId: v.documentId, locale: v.locale, publishedAt: null };
      }),
    );
    kept.forEach((i, n) => (out[i] = entryIds[n] as number));

    // 4. Join rows, in the order Strapi's `attachRelations` gives them.
    const batch = this.strapi.db.dialect.getBatchInsertSize();
    for (const link of this.links) {
      const targets = (link.component ? componentIds : relationIds).get(link.attribute);
      const rows: Row[] = [];
      for (const i of kept) {
        const value = targets?.[i];
        if (value === null || value === undefined) continue;
        const ids = [...new Set(Array.isArray(value) ? value : [value])];
        ids.forEach((id, position) => {
          const row: Row = {
            [link.table.joinColumn.name]: out[i],
            [link.table.inverseJoinColumn.name]: id,
            ...(link.table.on ?? {}),
          };
          if (link.component)
            Object.assign(row, { field: link.attribute, [COMPONENT_TYPE_COLUMN]: link.component });
          if (link.ordered && link.table.orderColumnName)
            row[link.table.orderColumnName] = position + 1;
          rows.push(row);
        });
      }
      for (const part of chunks(rows, batch)) await db(link.table.name).insert(part);
    }
    return out;
  }

  /**
   * Announces created entries on Strapi's event hub as the document service does after a commit:
   * `entry.create`, the entry populated deeply and sanitized for output.
   */
  async emitCreated(ids: number[]): Promise<void> {
    const populate = deepPopulate(this.strapi, this.uid);
    const getModel = (uid: string) => this.strapi.getModel(uid as never);
    for (const part of chunks(ids, 100)) {
      const entries = (await this.strapi.db.query(this.uid).findMany({
        where: { id: { $in: part } },
        populate,
      })) as Row[];
      for (const entry of entries) {
        const sanitized = await sanitize.sanitizers.defaultSanitizeOutput(
          { schema: this.model as never, getModel: getModel },
          entry as never,
        );
        await this.strapi.eventHub.emit('entry.create', {
          model: this.model.modelName,
          uid: this.uid,
          entry: sanitized,
        });
      }
    }
  }

  private async createMany(uid: string, rows: Row[]): Promise<number[]> {
    const result = (await this.strapi.db.query(uid).createMany({ data: rows })) as {
      ids?: (number | string)[];
    };
    const ids = (result.ids ?? []).map(Number);
    if (ids.length !== rows.length || ids.some((id) => !Number.isInteger(id)))
      throw new Error(`${uid}: inserted ${rows.length} rows but got ${ids.length} ids back`);
    return ids;
  }
}

function asList(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

function asObjects(value: unknown): Row[] {
  if (value === null || value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter(
    (v): v is Row => v !== null && typeof v === 'object',
  );
}

const populateCache = new Map<string, Record<string, unknown>>();

/** The populate Strapi's event manager uses (`getDeepPopulate(uid, {})` in the document service). */
function deepPopulate(strapi: Core.Strapi, uid: string): Record<string, unknown> {
  const cached = populateCache.get(uid);
  if (cached) return cached;
  const model = strapi.getModel(uid as never) as unknown as {
    attributes: Record<string, StrapiModelAttribute>;
  };
  const out: Record<string, unknown> = {};
  for (const [name, attr] of Object.entries(model.attributes)) {
    if (attr.type === 'relation' && !attr.unstable_virtual) out[name] = { select: undefined };
    else if (attr.type === 'media') out[name] = { select: ['*'] };
    else if (attr.type === 'component' && attr.component)
      out[name] = { populate: deepPopulate(strapi, attr.component) };
  }
  populateCache.set(uid, out);
  return out;
}

interface StrapiModelAttribute {
  type: string;
  component?: string;
  unstable_virtual?: boolean;
}
