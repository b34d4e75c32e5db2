/**
 * What every endpoint shares: bodies read strictly, the checks common to every input's rules, and
 * errors as {@code application/problem+json} naming the field.
 */
package io.optimizarr.encoder.api;
