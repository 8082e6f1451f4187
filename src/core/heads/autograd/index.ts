export { allocLike, type Floats, Parameter, Tape, Tensor } from './tensor';
export { linear, matmulTransposed } from './linear';
export { addProduct, addTransposedProduct } from './matmul-kernels';
export { add, addConstant, elu, gelu, scaleBy } from './elementwise';
export { layerNorm } from './layer-norm';
export { softmaxCrossEntropy, softmaxRow, softmaxRows } from './softmax';
export { gatherRows, type Offsets, segmentMax, segmentMean, segmentSoftmax, segmentWeightedSum } from './segments';
export { concatColumns, mixTensors } from './layers';
