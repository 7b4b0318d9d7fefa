export const REVIEWS = Symbol('ReviewRepository');
