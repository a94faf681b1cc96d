import { describe, expect, it } from 'vitest';
import { galleryEntries, parseCsv, testSetEntries } from './gallery-items.ts';

const row = (path: string, label = 'healthy', species = path.split('/').pop()!.split('__')[0]) => ({ path, label, species, condition: label });

describe('galleryEntries', () => {
  it('lists the lab leaves, then the field leaves, each marked with its data set, as PNGs under gallery/', () => {
    const entries = galleryEntries([
      { set: 'lab', rows: [row('test/healthy/apple__0329b50094.jpg'), row('test/diseased/grape__00e46ac798.jpg', 'diseased')] },
      { set: 'field', rows: [row('test/diseased/chilli__2c8df41a80.jpg', 'diseased')] },
    ]);
    expect(entries.map((e) => [e.item.id, e.item.dataSet, e.item.src, e.file])).toEqual([
      ['apple__0329b50094', 'lab', 'gallery/apple__0329b50094.png', 'test/healthy/apple__0329b50094.jpg'],
      ['grape__00e46ac798', 'lab', 'gallery/grape__00e46ac798.png', 'test/diseased/grape__00e46ac798.jpg'],
      ['chilli__2c8df41a80', 'field', 'gallery/chilli__2c8df41a80.png', 'test/diseased/chilli__2c8df41a80.jpg'],
    ]);
    expect(entries[2].item).toEqual({ id: 'chilli__2c8df41a80', src: 'gallery/chilli__2c8df41a80.png', label: 'diseased', species: 'chilli', condition: 'diseased', dataSet: 'field' });
  });

  it('fails loudly on an id two data sets share, naming both photos', () => {
    const sets = [
      { set: 'lab' as const, rows: [row('test/healthy/leaf__0123456789.jpg')] },
      { set: 'field' as const, rows: [row('test/diseased/leaf__0123456789.jpg', 'diseased')] },
    ];
    expect(() => galleryEntries(sets)).toThrow('gallery: duplicate id "leaf__0123456789": lab test/healthy/leaf__0123456789.jpg and field test/diseased/leaf__0123456789.jpg');
  });

  it('fails on a duplicate within one data set, an unknown label and an id unfit for a file name or link', () => {
    expect(() => galleryEntries([{ set: 'field', rows: [row('a/x__1.jpg'), row('b/x__1.png')] }])).toThrow(/duplicate id "x__1"/);
    expect(() => galleryEntries([{ set: 'lab', rows: [row('a/x__1.jpg', 'sick')] }])).toThrow('lab gallery.csv: a/x__1.jpg: unknown label "sick"');
    expect(() => galleryEntries([{ set: 'lab', rows: [row('a/x y.jpg')] }])).toThrow(/the id "x y" is not/);
  });
});

describe('testSetEntries', () => {
  it('keeps the test split only, healthy then diseased, by path, as the original files under gallery/test-sets/<set>/', () => {
    const manifest = [
      { ...row('test/diseased/chilli__b.jpg', 'diseased'), split: 'test' },
      { ...row('train/healthy/chilli__t.jpg'), split: 'train' },
      { ...row('test/healthy/chilli__z.jpg'), split: 'test' },
      { ...row('test/healthy/chilli__a.jpg'), split: 'test' },
    ];
    expect(testSetEntries('field', manifest).map((e) => [e.item.src, e.item.dataSet])).toEqual([
      ['gallery/test-sets/field/chilli__a.jpg', 'field'],
      ['gallery/test-sets/field/chilli__z.jpg', 'field'],
      ['gallery/test-sets/field/chilli__b.jpg', 'field'],
    ]);
  });

  it('fails on two test photos of one name (they would share one file)', () => {
    const manifest = [{ ...row('test/healthy/x__1.jpg'), split: 'test' }, { ...row('test/diseased/x__1.jpg', 'diseased'), split: 'test' }];
    expect(() => testSetEntries('lab', manifest)).toThrow('lab test split: duplicate id "x__1": lab test/healthy/x__1.jpg and lab test/diseased/x__1.jpg');
  });
});

describe('parseCsv', () => {
  it('reads quoted fields with commas and doubled quotes, and CRLF line ends', () => {
    const text = 'path,split,licence\r\ntest/healthy/a.jpg,test,"CC BY 4.0, per the ""LICENSE"" file"\r\ntrain/x.jpg,train,\r\n';
    expect(parseCsv(text)).toEqual([
      { path: 'test/healthy/a.jpg', split: 'test', licence: 'CC BY 4.0, per the "LICENSE" file' },
      { path: 'train/x.jpg', split: 'train', licence: '' },
    ]);
  });
});
