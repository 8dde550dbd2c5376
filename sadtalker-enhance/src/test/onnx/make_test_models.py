"""Writes the tiny ONNX models of OnnxFaceEnhancerTest into ../resources/onnx (Debian: apt-get install python3-onnx).

neg_512.onnx       input 'input' float (1,3,512,512) -> 'output' = -input            (GFPGAN-style export)
codeformer_512.onnx inputs 'input' float (1,3,512,512), 'weight' double (1) ->
                   'output' = -input * (2 * float(weight))  (so fidelity 0.5 gives -input)
one_minus_256.onnx input 'input' float (1,3,256,256) -> 'output' = 1 - input           (a [0,1] normalised export)
"""
import os
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'onnx')


def save(graph, name):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(OUT, name))


def image(name, size):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, [1, 3, size, size])


os.makedirs(OUT, exist_ok=True)
save(helper.make_graph([helper.make_node('Neg', ['input'], ['output'])], 'neg',
                       [image('input', 512)], [image('output', 512)]), 'neg_512.onnx')

two = numpy_helper.from_array(np.array([2.0], dtype=np.float32), 'two')
save(helper.make_graph([
    helper.make_node('Cast', ['weight'], ['wf'], to=TensorProto.FLOAT),
    helper.make_node('Mul', ['wf', 'two'], ['scale']),
    helper.make_node('Neg', ['input'], ['neg']),
    helper.make_node('Mul', ['neg', 'scale'], ['output'])], 'codeformer',
    [image('input', 512), helper.make_tensor_value_info('weight', TensorProto.DOUBLE, [1])],
    [image('output', 512)], initializer=[two]), 'codeformer_512.onnx')

one = numpy_helper.from_array(np.array([1.0], dtype=np.float32), 'one')
save(helper.make_graph([helper.make_node('Sub', ['one', 'input'], ['output'])], 'one_minus',
                       [image('input', 256)], [image('output', 256)], initializer=[one]), 'one_minus_256.onnx')
