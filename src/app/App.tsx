import { MODEL_IDS } from '../models/specs';
import { BackendBadge } from './components/BackendBadge';
import { Gallery } from './components/Gallery';
import { ModelCard } from './components/ModelCard';
import { selectImage } from './controller';
import { useAppState } from './store';

export function App() {
  const state = useAppState();
  const selected = state.gallery.find((g) => g.id === state.selectedImage);
  return (
    <div className="app">
      <header>
        <h1>Adversarial Leaves</h1>
        <p className="tagline">How a tiny, invisible change to a photo fools a leaf-disease classifier.</p>
        <BackendBadge backend={state.backend} error={state.backendError} />
      </header>
      <main>
        <section className="picker" aria-labelledby="picker-title">
          <h2 id="picker-title">Pick a leaf</h2>
          {state.galleryError && <p role="alert" className="error">{state.galleryError}</p>}
          <Gallery items={state.gallery} selected={state.selectedImage} onSelect={(id) => void selectImage(id)} />
        </section>
        <section className="stage" aria-label="Selected leaf and predictions">
          {selected && (
            <figure className="original">
              <img src={selected.src} alt={`Selected: ${selected.species} leaf, ${selected.label}`} width={256} height={256} />
              <figcaption>
                {selected.species}, true label <strong>{selected.label}</strong> ({selected.condition.replaceAll('_', ' ')})
              </figcaption>
            </figure>
          )}
          <div className="models">
            {MODEL_IDS.map((id) => (
              <ModelCard key={id} id={id} status={state.models[id]} probabilities={state.predictions?.[id]} />
            ))}
          </div>
        </section>
      </main>
      <footer>
        Leaf photos: PlantVillage (Hughes &amp; Salathé 2015) and Rauf et al. (2019) citrus leaves. Base models from nsfwjs (MIT).
      </footer>
    </div>
  );
}
