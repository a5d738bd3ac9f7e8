/**
 * The learners behind {@link trainClassifier}: `forest` (default) and `boosting` run on the
 * built-in histogram tree learner, `logistic` is L2 logistic regression, and `ml-random-forest`
 * and `ml-cart` wrap the mljs packages.
 *
 * @example
 * ```ts
 * import { classifierFlavors } from '@driftwatch/models';
 * for (const flavor of classifierFlavors) console.log(flavor);
 * ```
 */
export const classifierFlavors = ['forest', 'boosting', 'logistic', 'ml-random-forest', 'ml-cart'] as const;

/**
 * One of {@link classifierFlavors}.
 *
 * @example
 * ```ts
 * const flavor: ClassifierFlavor = 'boosting';
 * ```
 */
export type ClassifierFlavor = (typeof classifierFlavors)[number];
