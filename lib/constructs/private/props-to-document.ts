import { documentField } from '../../policy/document/document-fields';

/**
 * The value the construct's props give the document field at `path`, read from the prop the field
 * table names for it (`healthCheck.interval` for `healthCheck.intervalSeconds`), else the table's
 * default; a negated prop (`internetFacing` for `internal`) is turned round. Undefined when neither
 * the prop nor a default is there.
 *
 * @param props the props object (`SecureClassicLoadBalancerProps`)
 * @param path a field of `DOCUMENT_FIELDS` that has a prop
 */
export function fieldFromProps<T>(props: object, path: string): T {
  const field = documentField(path);
  if (field.prop === undefined) throw new Error(`internal: document field '${path}' has no prop`);
  let value: any = props;
  for (const part of field.prop.split('.')) value = value === undefined || value === null ? undefined : value[part];
  if (value === undefined || value === null) return field.default as T;
  return (field.propNegated ? value === false : value) as T;
}
