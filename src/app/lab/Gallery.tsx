import type { GalleryItem } from '../../gallery/gallery';

export function Gallery({ items, selected, onSelect }: { items: GalleryItem[]; selected: string | null; onSelect: (id: string) => void }) {
  return (
    <ul className="gallery" aria-label="Leaf gallery">
      {items.map((item) => (
        <li key={item.id}>
          <button type="button" className="thumb" aria-pressed={item.id === selected} onClick={() => onSelect(item.id)} data-testid={`leaf-${item.id}`}>
            <img src={item.src} alt={`${item.species} leaf, ${item.condition.replaceAll('_', ' ')}`} width={72} height={72} />
            <span className="thumb-caption">
              {item.species} · <span className={`tag tag-${item.label}`}>{item.label}</span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
