/**
 * Records and enums both services exchange: the resource snapshot and its parts. Plain Java, no
 * framework: units are in the field names, unknown figures are {@code null} and absent devices are
 * empty lists.
 */
package io.optimizarr.model;
