/**
 * When this node may encode and how hard: encoding windows (days and times in the node's time zone,
 * across midnight too), what happens outside them, a "run now" override, and the thresholds that
 * apply once the machine has been idle a while. The rules are pure; the governor applies them.
 */
package io.optimizarr.encoder.schedule;
