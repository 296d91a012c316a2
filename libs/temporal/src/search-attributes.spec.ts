import { temporal } from '@temporalio/proto';
import { registerSearchAttributes, SearchAttributes } from './search-attributes';

const { IndexedValueType } = temporal.api.enums.v1;
type Indexed = temporal.api.enums.v1.IndexedValueType;

/** An operator service double holding the namespace's custom attributes in memory. */
function fakeOperatorService(initial: Record<string, Indexed>) {
  const registered = { ...initial };
  const added: Record<string, Indexed>[] = [];
  const operatorService = {
    listSearchAttributes: jest.fn(async () => ({ customAttributes: { ...registered } })),
    addSearchAttributes: jest.fn(async ({ searchAttributes }: { searchAttributes: Record<string, Indexed> }) => {
      added.push(searchAttributes);
      Object.assign(registered, searchAttributes);
      return {};
    }),
  };
  return { operatorService: operatorService as unknown as temporal.api.operatorservice.v1.OperatorService, calls: operatorService, added };
}

describe('registerSearchAttributes', () => {
  it('adds every platform attribute with its indexed type to an empty namespace', async () => {
    const fake = fakeOperatorService({});
    const result = await registerSearchAttributes(fake, 'oioo');
    expect(result.existing).toEqual([]);
    expect(result.added.sort()).toEqual(Object.values(SearchAttributes).map((key) => key.name).sort());
    expect(fake.added).toEqual([
      expect.objectContaining({
        CaseKind: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
        NextDeadline: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
        OnHold: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
      }),
    ]);
    expect(fake.calls.addSearchAttributes).toHaveBeenCalledWith(expect.objectContaining({ namespace: 'oioo' }));
  });

  it('is idempotent: skips attributes already present and adds nothing the second time', async () => {
    const fake = fakeOperatorService({ CaseKind: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD });
    const first = await registerSearchAttributes({ connection: fake }, 'oioo');
    expect(first.existing).toEqual(['CaseKind']);
    expect(fake.added[0]).not.toHaveProperty('CaseKind');
    const second = await registerSearchAttributes(fake, 'oioo');
    expect(second.added).toEqual([]);
    expect(fake.calls.addSearchAttributes).toHaveBeenCalledTimes(1);
  });

  it('refuses an attribute registered with another type', async () => {
    const fake = fakeOperatorService({ OnHold: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD });
    await expect(registerSearchAttributes(fake, 'oioo')).rejects.toThrow(
      'search attribute OnHold is registered on namespace oioo as INDEXED_VALUE_TYPE_KEYWORD, expected INDEXED_VALUE_TYPE_BOOL',
    );
    expect(fake.calls.addSearchAttributes).not.toHaveBeenCalled();
  });

  it('treats a concurrent registration of the same attributes as success', async () => {
    const fake = fakeOperatorService({});
    fake.calls.addSearchAttributes.mockImplementationOnce(async ({ searchAttributes }) => {
      await fake.calls.addSearchAttributes({ searchAttributes });
      throw new Error('6 ALREADY_EXISTS');
    });
    await expect(registerSearchAttributes(fake, 'oioo')).resolves.toEqual(expect.objectContaining({ existing: [] }));
  });

  it('adds one at a time where the server cannot list them (the Java time-skipping test server)', async () => {
    const fake = fakeOperatorService({});
    const unimplemented = Object.assign(new Error('12 UNIMPLEMENTED'), { code: 12 });
    const alreadyExists = Object.assign(new Error('6 ALREADY_EXISTS'), { code: 6 });
    fake.calls.listSearchAttributes.mockRejectedValue(unimplemented);
    fake.calls.addSearchAttributes.mockImplementation(async ({ searchAttributes }) => {
      if ('CaseKind' in searchAttributes) throw alreadyExists;
      return {};
    });
    const result = await registerSearchAttributes(fake, 'default', [SearchAttributes.caseKind, SearchAttributes.onHold]);
    expect(result).toEqual({ added: ['OnHold'], existing: ['CaseKind'] });
    expect(fake.calls.addSearchAttributes).toHaveBeenCalledWith({ namespace: 'default', searchAttributes: { OnHold: IndexedValueType.INDEXED_VALUE_TYPE_BOOL } });
  });

  it('passes other listing failures on', async () => {
    const fake = fakeOperatorService({});
    fake.calls.listSearchAttributes.mockRejectedValue(Object.assign(new Error('7 PERMISSION_DENIED'), { code: 7 }));
    await expect(registerSearchAttributes(fake, 'oioo')).rejects.toThrow('PERMISSION_DENIED');
  });
});
