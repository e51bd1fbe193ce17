// What synth warns about images: one set in workshop.yaml that the catalogue does not pin (its
// security profile was not checked).
import { catalogueEntry } from './images';
import type { WorkshopConfig } from './config-types';

/** `exercises.<exercise>.<field>` of every image setting (`image`, `...Image`) in the config. */
function imageSettings(config: WorkshopConfig): Array<{ field: string; image: string }> {
  const found: Array<{ field: string; image: string }> = [];
  if (config.kuardImage !== undefined) found.push({ field: 'kuardImage', image: config.kuardImage });
  for (const [exercise, settings] of Object.entries(config.exercises ?? {})) {
    for (const [key, value] of Object.entries((settings ?? {}) as Record<string, unknown>)) {
      if ((key === 'image' || key.endsWith('Image')) && typeof value === 'string') {
        found.push({ field: `exercises.${exercise}.${key}`, image: value });
      }
    }
  }
  return found;
}

/** `arch:`, which no image depends on any more. */
export function deprecatedSettingWarnings(config: WorkshopConfig, file: string): string[] {
  if (config.arch === undefined) return [];
  return [
    `${file}: arch is no longer used and can be removed: every image the workshop pulls is multi-arch ` +
      '(kuard, the one image published per architecture, is replaced by a program on the node image; see kuardImage)',
  ];
}

/** One warning per image setting of `file` that names an image the catalogue does not pin. */
export function imageOverrideWarnings(config: WorkshopConfig, file: string): string[] {
  return imageSettings(config)
    .filter(({ image }) => catalogueEntry(image) === undefined)
    .map(
      ({ field, image }) =>
        `${file}: ${field} is ${JSON.stringify(image)}, which is not in the image catalogue ` +
        '(src/images.ts): its security profile was not checked for this image; check its Dockerfile and entrypoint by hand',
    );
}
