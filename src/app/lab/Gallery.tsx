import { DATA_SETS } from '../../data-sets';
import { THUMBNAIL_CSS_SIZE, thumbnailOf, type GalleryItem } from '../../gallery/gallery';

/** What a screen reader says for a leaf: a field photo says so first (it is the other world). */
function altText(item: GalleryItem): string {
  const condition = item.condition.replaceAll('_', ' ');
  return item.dataSet === 'field' ? `Field photo: ${item.species} leaf on the plant, ${condition}` : `${item.species} leaf, ${condition}`;
}

export function Gallery({ items, selected, onSelect }: { items: GalleryItem[]; selected: string | null; onSelect: (id: string) => void }) {
  const field = items.some((item) => item.dataSet === 'field');
  return (
    <>
      <ul className="gallery" aria-label="Leaf gallery">
        {items.map((item) => (
          <li key={item.id}>
            <button type="button" className={`thumb thumb-${item.dataSet}`} aria-pressed={item.id === selected} onClick={() => onSelect(item.id)} data-testid={`leaf-${item.id}`} data-set={item.dataSet}>
              <span className="thumb-frame">
                <img src={thumbnailOf(item)} alt={altText(item)} width={THUMBNAIL_CSS_SIZE} height={THUMBNAIL_CSS_SIZE} />
                {item.dataSet === 'field' && <span className="thumb-badge" aria-hidden="true">field</span>}
              </span>
              <span className="thumb-caption">
                {item.species} · <span className={`tag tag-${item.label}`}>{item.label}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {field && (
        <p className="gallery-legend small muted">
          <span className="thumb-badge" aria-hidden="true">field</span> {DATA_SETS.field.title}: {DATA_SETS.field.describe}. The others are {DATA_SETS.lab.title}: {DATA_SETS.lab.describe}.
        </p>
      )}
    </>
  );
}
