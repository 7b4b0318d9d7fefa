export const CONTROL = Symbol('DeliveryControlRepository');
export const RECONCILER = Symbol('OwedReconciler');
