// The two worlds the models learn from (one source of truth for their names and folders).
// Lab photos: one detached leaf on a plain background (PlantVillage style, ../shared/leaves).
// Field photos: leaves on the plant, outdoors (../shared/leaves-field).

export const DATA_SETS = {
  lab: {
    folder: 'leaves',
    title: 'lab photos',
    describe: 'one detached leaf on a plain background',
    credit: 'PlantVillage (Hughes & Salathé 2015) and Rauf et al. (2019) citrus leaves',
  },
  field: {
    folder: 'leaves-field',
    title: 'field photos',
    describe: 'a leaf on the plant, outdoors',
    // CC BY 4.0 asks for the source and the changes made.
    credit: 'COLD chilli leaves (Mendeley Data tf9dtfz9m6, CC BY 4.0; cropped and resized)',
  },
} as const;

export type DataSet = keyof typeof DATA_SETS;
export const DATA_SET_IDS = Object.keys(DATA_SETS) as DataSet[];

/** The page's credit line for the photos (the field photos' licence requires it). */
export const PHOTO_CREDITS = `Leaf photos: ${DATA_SET_IDS.map((id) => `${DATA_SETS[id].title}, ${DATA_SETS[id].credit}`).join('; ')}.`;
