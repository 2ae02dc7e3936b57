/** The resource key of the list of kernel states a compiled plan registered (Emitter.persist), in kernel order. */
export const KERNEL_STATES: object = {};
