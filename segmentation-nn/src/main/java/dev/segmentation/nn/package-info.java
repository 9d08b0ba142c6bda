/**
 * Neural embeddings: the autoencoder that learns a compact behavioural representation before clustering.
 * No ND4J type appears in a public signature.
 */
package dev.segmentation.nn;
