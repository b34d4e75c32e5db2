/** Encoding profiles: how a job encodes, validated against what ffmpeg accepts. */
package io.optimizarr.encoder.profile;
