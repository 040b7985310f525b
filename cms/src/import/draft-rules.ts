import type { Core } from '@strapi/strapi';
import { contentTypes } from '@strapi/utils';

/** The part of a Strapi attribute definition the rules read. */
export interface StrapiAttribute {
  type: string;
  maxLength?: unknown;
  max?: unknown;
  enum?: unknown;
  component?: string;
  repeatable?: boolean;
  relation?: string;
  conditions?: unknown;
  pluginOptions?: { i18n?: { localized?: boolean } };
}

/** A Strapi model (content type or component) as `strapi.getModel` returns it. */
export interface StrapiModel {
  uid: string;
  modelName?: string;
  attributes: Record<string, StrapiAttribute>;
}

/** Data for one draft as the document service would receive it; `null` when every rule holds. */
export type DraftCheck = (data: Record<string, unknown>) => string | null;

// Not `password`: the document service hashes it on the way in.
const STRING_TYPES = new Set(['string', 'text', 'richtext', 'uid', 'email']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/**
 * What Strapi's entity validator checks on a *draft* (`isDraft: true`): no `required`, `minLength`,
 * `min`, `regex` or uniqueness (Strapi skips them for drafts), but string lengths (a `string`
 * without `maxLength` is capped at 255), enumerations, integers and their `max`, non-null
 * repeatable components, and the same again inside components.
 * @remarks Compiled once per model from Strapi's own attribute definitions, so a change to a
 * content type is followed here without code changes. It is deliberately *stricter* than Strapi:
 * an attribute type or value shape it does not know — media, dynamic zones, big integers, blocks,
 * conditional fields, a field the model does not have — answers "not sure", and the import then
 * writes that record through the document service, where Strapi's validator decides and words the
 * error. So a record the bulk path writes is one Strapi would have accepted. Lengths count UTF-16
 * code units as yup does (ajv counts code points: a title of 150 emoji passes the canonical schema
 * and fails here, as it fails in Strapi). `cms/test/integration/import-bulk.int.test.ts` checks the
 * rules against `strapi.entityValidator` on the same data.
 * @returns null when the model has something the rules cannot judge at all.
 */
export function compileDraftCheck(strapi: Core.Strapi, uid: string): DraftCheck | null {
  return compileModel(strapi, strapi.getModel(uid as never), 0);
}

function compileModel(strapi: Core.Strapi, model: StrapiModel, depth: number): DraftCheck | null {
  if (depth > 3) return null;
  const writable = new Set(contentTypes.getWritableAttributes(model as never));
  const checks: [string, (value: unknown) => string | null][] = [];
  for (const name of writable) {
    const attr = model.attributes[name];
    if (!attr) continue;
    const check = compileAttribute(strapi, attr, depth);
    if (!check) return null;
    checks.push([name, check]);
  }
  const known = new Set(Object.keys(model.attributes));
  return (data) => {
    for (const key of Object.keys(data)) {
      if (!known.has(key)) return `${key}: not an attribute of ${model.uid}`;
      if (!writable.has(key) && !['documentId', 'locale'].includes(key))
        return `${key}: not writable`;
    }
    for (const [name, check] of checks) {
      const value = data[name];
      if (value === undefined) continue; // Strapi fills the attribute's default.
      const problem = check(value);
      if (problem) return `${name}: ${problem}`;
    }
    return null;
  };
}

function compileAttribute(
  strapi: Core.Strapi,
  attr: StrapiAttribute,
  depth: number,
): ((value: unknown) => string | null) | null {
  if (attr.conditions) return null;
  if (STRING_TYPES.has(attr.type)) {
    const max =
      attr.type === 'string'
        ? isInt(attr.maxLength)
          ? attr.maxLength
          : 255
        : isInt(attr.maxLength) && attr.maxLength > 0
          ? attr.maxLength
          : Infinity;
    return (v) =>
      v === null
        ? null
        : typeof v !== 'string'
          ? 'not a string'
          : v.length > max
            ? `longer than ${max}`
            : null;
  }
  switch (attr.type) {
    case 'enumeration': {
      const allowed = new Set(Array.isArray(attr.enum) ? (attr.enum as unknown[]) : [attr.enum]);
      return (v) =>
        v === null
          ? null
          : typeof v === 'string' && allowed.has(v)
            ? null
            : 'not in the enumeration';
    }
    case 'integer': {
      const max = attr.max === undefined || attr.max === null ? Infinity : Number(attr.max);
      if (Number.isNaN(max)) return null;
      return (v) =>
        v === null
          ? null
          : !isInt(v)
            ? 'not an integer'
            : v > Math.trunc(max)
              ? `above ${max}`
              : null;
    }
    case 'float':
    case 'decimal': {
      const max = attr.max === undefined || attr.max === null ? Infinity : Number(attr.max);
      if (Number.isNaN(max)) return null;
      return (v) =>
        v === null
          ? null
          : typeof v !== 'number' || !Number.isFinite(v)
            ? 'not a finite number'
            : v > max
              ? `above ${max}`
              : null;
    }
    case 'boolean':
      return (v) => (v === null || typeof v === 'boolean' ? null : 'not a boolean');
    case 'json':
      return () => null;
    case 'date':
      // Strapi's validator lets any value through and its database layer parses it; only the
      // plain calendar date a canonical document carries is judged here.
      return (v) => (v === null || (typeof v === 'string' && DATE.test(v)) ? null : 'not a date');
    case 'datetime':
      return (v) =>
        v === null ||
        v instanceof Date ||
        (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)))
          ? null
          : 'not a date-time';
    case 'media':
      // Files go through the image step and the document service.
      return (v) => (v === null || (Array.isArray(v) && v.length === 0) ? null : 'media');
    case 'relation':
      // Relation targets are resolved by the import and looked up again by the bulk writer.
      return () => null;
    case 'component': {
      if (!attr.component) return null;
      const inner = compileModel(strapi, strapi.getModel(attr.component as never), depth + 1);
      if (!inner) return null;
      const item = (v: unknown): string | null =>
        v !== null && typeof v === 'object' && !Array.isArray(v)
          ? inner(v as Record<string, unknown>)
          : 'not an object';
      if (attr.repeatable)
        return (v) => {
          if (!Array.isArray(v)) return 'not a list';
          for (let i = 0; i < v.length; i += 1) {
            const problem = item(v[i]);
            if (problem) return `${i}.${problem}`;
          }
          return null;
        };
      return (v) => (v === null ? null : item(v));
    }
    default:
      return null;
  }
}
