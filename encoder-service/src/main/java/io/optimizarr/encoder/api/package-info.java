/** What every endpoint shares: errors as {@code application/problem+json} naming the field. */
package io.optimizarr.encoder.api;
