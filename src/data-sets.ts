// The two worlds the models learn from (one source of truth for their names and folders).
// Lab photos: one detached leaf on a plain background (PlantVillage style, ../shared/leaves).
// Field photos: leaves on the plant, outdoors (../shared/leaves-field).

export const DATA_SETS = {
  lab: { folder: 'leaves', title: 'lab photos', describe: 'one detached leaf on a plain background' },
  field: { folder: 'leaves-field', title: 'field photos', describe: 'a leaf on the plant, outdoors' },
} as const;

export type DataSet = keyof typeof DATA_SETS;
export const DATA_SET_IDS = Object.keys(DATA_SETS) as DataSet[];
