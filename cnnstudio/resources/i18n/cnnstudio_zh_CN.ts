<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About cnnstudio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A desktop studio for learning convnets on small image datasets, after chapter 5 of Deep Learning with Python: train a network from scratch with data augmentation, reuse a pretrained one, and look inside at activations, filters and heatmaps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cores / PyTorch threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cnnstudio: {0} licence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The offline ImageNet weights (EfficientNet-Lite0) are not installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ImageNet weights of EfficientNet-Lite0, from the package {0} {1} by {2}: {3}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample photo {0} ({1}): {2}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActivationsDock</name>
    <message>
        <source>Activations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every layer with its output shape for this image; maps can be shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first 8 channels of every convolution and pooling layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a channel to enlarge it; wheel to zoom, drag to pan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a channel to enlarge it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer, input → output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of channels with nothing in them for this image: deeper layers keep less of the picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blank channels per layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hover a bar for its layer; click it to show the layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose or drop an image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running the image through the network…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot show the activations: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} — the network saw the image at {1} × {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}. {1}: {2:.0%} blank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}, channel {1} ({2} × {3}): {4:.3g} … {5:.3g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the mouse over the map to read its values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}, {1}: {2:.4g}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AugmentDock</name>
    <message>
        <source>Augmentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book (chapter 5.2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Geometry (Keras ImageDataGenerator)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> °</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotate by a random angle in ±this many degrees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Width shift:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift sideways by up to this fraction of the width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Height shift:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift up or down by up to this fraction of the height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shear:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shear by a random angle in ±this many degrees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale by a random factor in [1 − zoom, 1 + zoom]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Horizontal flip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vertical flip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flips:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nearest (Keras default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>constant (black)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reflect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the pixels uncovered by a rotation or shift are filled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour and more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brightness:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random brightness change, ±fraction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contrast:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random contrast change, ±fraction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saturation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random saturation change, ±fraction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hue:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random hue shift, ±fraction of the colour wheel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random crop:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0: off. Otherwise keep a random crop of at least this fraction of the area, resized back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random erasing:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probability of erasing a random rectangle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grayscale:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probability of turning the image gray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The original. Drop an image file on this dock to preview it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augmented versions, as the network would see them during training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reseed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw new random augmentations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot preview this image: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChapterQueue</name>
    <message>
        <source>Reproduce the chapter?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train the chapter&apos;s four runs on {0}, one after another:

1. the model from scratch;
2. the same with data augmentation and dropout;
3. feature extraction with a pretrained convnet;
4. fine-tuning its top block.

Each run keeps your epochs ({1}), batch size, image size, optimizer and seed, so they can be compared. Stop ends the queue; your settings come back when it ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step {0} could not start: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another run is in progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chapter&apos;s runs stopped at step {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClassifyDock</name>
    <message>
        <source>Classify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} — ImageNet classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chelsea the cat (scikit-image sample data, CC0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop a photo here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop an image on this panel to see the top {0} classes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your model: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classifying {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot classify: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixView</name>
    <message>
        <source>1 image of {1} predicted as {2} ({3} of {1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} images of {1} predicted as {2} ({3} of {1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate a run to see its confusion matrix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>True</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConvolutionDock</name>
    <message>
        <source>Convolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A drawn digit, then the cat&apos;s face: each click the next sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use current image (crop)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The centre square of the image above, shrunk and made grey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input side in pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edge (outline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sobel x</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sobel y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blur (box)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blur (Gaussian)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharpen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>valid: no padding; same: zeros around so the output is ⌈n / stride⌉ wide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step of the kernel, in pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kernel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Padding:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stride:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load kernel from model&apos;s first layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which filter of the layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input channel, or the mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type any number in a cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max pool 2×2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average pool 2×2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the mouse over a map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the network&apos;s first convolution…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean of {0} channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>channel {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter {0} of {1} ({2} filters), {3}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input {0}×{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output {0}×{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output size: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>({0} cells of zero padding)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (zero padding)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CurvesDock</name>
    <message>
        <source>Curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training loss (batch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smoothing:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exponential smoothing of the lines, as the book smooths its fine-tuning curves (0: raw)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plots as PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plots as SVG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the mouse over the plots to read an epoch&apos;s values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fine-tuning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>best epoch {0} (validation accuracy {1:.1%})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch {0}: training loss {1:.4f}, accuracy {2:.1%} · validation loss {3:.4f}, accuracy {4:.1%}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · best epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · fine-tuning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV tables (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training curves</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatasetDock</name>
    <message>
        <source>Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a folder of images: one sub-folder per class, train/ and validation/ folders, or files named by class (cat.1.jpg). You can also drop a folder on the window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in dataset of coloured shapes, generated on the fly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make subset…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy N images per class and split into a new folder (the source is not changed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generated on the fly. Validation and test images vary more in position, rotation and size than the training images, so overfitting shows in the curves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layout: train / validation / test folders, one folder per class in each</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layout: one folder per class, split with the ratios below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layout: one folder, the class is the file-name prefix (cat.1.jpg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in demo: coloured shapes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image size: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The split is fixed by the dataset&apos;s own folders.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All {0} classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} file(s) could not be used and are left out (see Skipped).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class folders without usable images, left out: {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The classes are imbalanced: the largest has {0:.1f}× the images of the smallest. Accuracy can look good while the small classes are missed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatasetPresenter</name>
    <message>
        <source>Open dataset folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop training before opening another dataset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recent datasets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subset written to {0}; opening it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop training before adding images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait until the images dropped before are copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add images to {0}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy {0} image file(s) into the folder of class {1} in {2}?

The files you dropped are not moved or changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copying {0} image(s) into {1}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied {0} image(s) into {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot add the images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the dataset</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DepthComparisonDialog</name>
    <message>
        <source>Feature generality and depth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same head is trained on the base cut after each block (features computed once). Early blocks hold generic features, later ones ImageNet-specific ones: on images unlike ImageNet an earlier cut can win.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>best validation accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cut after block (depth)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparing depths…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: {0} depths compared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvaluationDock</name>
    <message>
        <source>Evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No run yet: train one or open a run folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open run…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run&apos;s own dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The open dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dataset the run was trained on, split as it was then</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dataset open in the window (its classes must be the run&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a run and press Evaluate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a cell of the matrix to see its images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most confidently wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export predictions as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run {0} was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a run folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No run to evaluate: train one or open a run folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No dataset is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluating {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot evaluate: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1}, {2} images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy &lt;b&gt;{0:.1%}&lt;/b&gt; &amp;nbsp; Loss &lt;b&gt;{1:.4f}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most confidently wrong ({0} of {1} wrong)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}
true: {1}, predicted: {2} ({3:.1%})
Double-click to see it with its heatmaps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}
{1} → {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} predicted as {1}: {2} images, most confident first (double-click one to enlarge).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export predictions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predictions written to {0}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportPanel</name>
    <message>
        <source>Export the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TorchScript (.pt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ONNX (.onnx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights as safetensors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs with PyTorch alone, without cnnstudio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For ONNX Runtime and other frameworks (needs the onnx package)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The weights with the classes, input size and normalisation; no code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install the onnx package to export ONNX: pip install &apos;cnnstudio[export]&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the model as {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting to {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to {0}. Checked with {1}: outputs differ from PyTorch&apos;s by at most {2:.1e}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to {0}, but checked with {1} its outputs differ from PyTorch&apos;s by {2:.1e}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FiltersDock</name>
    <message>
        <source>Filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a layer and press Start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a filter to see the dataset patches that excite it most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book: normalised gradient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Robust: Fourier image, jitter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book: the chapter&apos;s gradient ascent on the pixels. Robust: as Lucid does it, a decorrelated Fourier image under random jitter, scale and rotation; clean patterns on pretrained networks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many filters, from the first: all of them are optimised together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top dataset patches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a filter in the grid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First layer kernels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the network&apos;s layers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the network: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This network has no convolution layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} kernels of {1}×{1}: grey is 0, light positive, dark negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Climbing the gradient of {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} filters of {1}: mean activation {2:.3g} → {3:.3g}. Click one for its top patches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a dataset to see the patches of it that excite filter {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching {0} images for filter {1}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No patches: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter {0} of {1}: the {2} strongest responses, each its {3}×{4} receptive field.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FolderHeatmaps</name>
    <message>
        <source>Heatmaps of a folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a heatmap of every image in a folder, with the settings above, into a new folder beside it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder of images to make heatmaps of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no images (JPEG, PNG, BMP, GIF, WebP) directly inside {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing written: the files in {0} are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making {0} heatmaps into {1}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace heatmaps?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} files in {1} would be replaced ({2}). Replace them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote {0} heatmaps (overlay .png and map .npy) to {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped {0} unreadable images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder&apos;s heatmaps stopped: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped; the heatmaps written so far are in {0}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FolderPathDialog</name>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file manager could open the folder. Its path:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GalleryDock</name>
    <message>
        <source>train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gallery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All splits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop image files on a class to copy them into its folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All classes ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} images</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeatmapDock</name>
    <message>
        <source>Heatmap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A top-5 class, or type any class name or index and press Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layer whose feature maps are weighted; the default is the last convolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grad-CAM++</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score-CAM (slow, no gradients)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saliency (input gradient)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SmoothGrad (averaged saliency)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How strongly the map covers the photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opacity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save overlay PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save map .npy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose or drop an image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing the heatmap…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No heatmap: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No positive evidence for this class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the input pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} of “{1}” at {2}; the network saw the whole photo at {3} × {4}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faithfulness: with the map&apos;s hottest {0} % of pixels blurred, “{1}” goes from {2:.1%} to {3:.1%}; with {0} % blurred at random, to {4:.1%}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The class is too unlikely in this photo for the figure to say much.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The map points at what the network uses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Here the map does no better than chance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save overlay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NumPy arrays (*.npy)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpActions</name>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List every keyboard shortcut of the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Report a problem…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the versions, this computer&apos;s details and the last log lines to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About cnnstudio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The version, the versions of the libraries, and the licences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cnnstudio problem report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened, and what did you expect? (please write it here)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last {0} log lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A problem report (versions and the last log lines) is on the clipboard: paste it into your message.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Look inside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this image&apos;s activations and heatmap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo image {0}: {1}, {2} split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} · {1}×{2}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Inspection</name>
    <message>
        <source>{0} — ImageNet classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your model: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chelsea the cat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Astronaut (Eileen Collins)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayerStackEditor</name>
    <message>
        <source>Add layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the layer stack as a JSON model file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a layer stack from a JSON model file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  (output, fitted to the classes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kernel size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stride</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Padding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pool size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same as pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogDock</name>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages from training and dataset jobs appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>cnnstudio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome. The demo dataset is loaded: press Train to watch a convnet learn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open dataset folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a folder with one sub-folder of images per class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use &amp;demo dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train the model on the dataset (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop after the current batch; the run keeps its last finished epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause training after the current batch; press again to resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset: {0} ({1} classes, {2} images).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train the model on the dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing without waiting for: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit cnnstudio?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training is still running. Stop it and quit?

The run folder keeps the weights of the last finished epoch.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelDock</name>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropout 0.5 before the dense layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images are resized to this square size before they enter the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RGB (3 channels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grayscale (1 channel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pretrained</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available once PyTorch has loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download the backbone&apos;s weights or load a weights file first (Model → Pretrained).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slides&apos; separable convnet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book&apos;s small convnet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book&apos;s MNIST convnet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TinyVGG (CNN Explainer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SeparableConv2D 32 → 64 → 128 with max pooling, global average pooling, Dense 32</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conv2D 32/64/128/128, each followed by max pooling, Flatten, Dense 512</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conv2D 32, MaxPool, Conv2D 64, MaxPool, Conv2D 64, Flatten, Dense 64 (28×28×1 in the book)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two blocks of two Conv2D 10 and a MaxPool, then Flatten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom stack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer (type)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Param #</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receptive field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mult-adds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total params: {0} · trainable: {1} · non-trainable: {2} · mult-adds per image: {3}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PredictionDialog</name>
    <message>
        <source>{0}: {1} predicted as {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image (true class: {0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grad-CAM for the predicted class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grad-CAM for the true class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grad-CAM for the runner-up class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing the heatmaps…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No heatmap: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The map for {0} is empty: no positive evidence for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Red: where the evidence for that class lies.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PretrainedPanel</name>
    <message>
        <source>Use a pretrained convolutional base (transfer learning)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load weights file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A state_dict saved as .pth or .safetensors (loaded without running code)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature extraction (frozen base, new head)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tuning (then unfreeze the top blocks)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fast: the base&apos;s features once, then the head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Much faster, but no augmentation; without it, images go through the frozen base every epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the whole base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut the base after this block: later blocks are dropped, the head pools its output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare depths…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train the same head on features cut at several depths, and plot validation accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (linear classifier)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low, so the pretrained features are adjusted, not destroyed (the book uses 1e-5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backbone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head units:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the head trained in this run first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earlier run…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tune starting from a finished feature-extraction run (its best weights)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tune epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tune rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the top blocks to train while fine-tuning; the rest of the base stays frozen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocks of the base (bottom first) — checked blocks train while fine-tuning:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input size set to {0} px (RGB), the size {1} was trained on; it was {2} px.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input size back to {0} px.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights from the file {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ImageNet weights are on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ImageNet weights are not downloaded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloaded. ImageNet weights are on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot download the weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use EfficientNet-Lite0 (offline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights (*.pth *.pt *.bin *.safetensors)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load weights file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That file does not fit: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a feature-extraction run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}  ·  {1} parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base: {0} parameters in {1} blocks. Trainable: head {2}{3}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> + {0} while fine-tuning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}  ·  {1} channels</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProbePicker</name>
    <message>
        <source>Auto: one per class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chosen images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One validation image per class (up to 8) is explained after each epoch: see Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up to 8 images of your own, explained after each epoch: see Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No explanations over time (a little faster)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose up to 8 probe images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} chosen images</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunComparison</name>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best val. accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final val. loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training (dashed)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunsDock</name>
    <message>
        <source>Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select runs to compare their curves (Ctrl+click adds a run).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this run&apos;s model and weights in Classify and the look-inside docks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train this stopped, finished or interrupted run for more epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename the run&apos;s folder (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected runs&apos; folders from the disk, after asking (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the run&apos;s folder in the file manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the runs folder again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs folder: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No runs yet. Press Train: each training run is kept in its own folder here, to compare, load or continue later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New name for the run “{0}”:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot rename the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete run?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the run “{0}”?

Its folder {1} and everything in it are deleted from the disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {0} runs?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete these runs?

{0}

Their folders and everything in them are deleted from the disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot delete the run</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunsModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best val. accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunsPresenter</name>
    <message>
        <source>Reproduce the &amp;chapter…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train the chapter&apos;s four runs one after another: scratch, augmentation, feature extraction, fine-tuning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded run {0}: its model is in Classify, Evaluation and the look-inside docks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the current run before continuing another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot continue {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run has {0} epochs. Train it until epoch (in all):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chapter, run {0} of 4: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chapter&apos;s four runs are done; the Runs dock compares them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by action, key or menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No shortcut matches “{0}”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SubjectBar</name>
    <message>
        <source>The network to look inside: one of your runs, or a pretrained network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an image file (or drop one on this panel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A random image of the current dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo image {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No image: drop one here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a dataset first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SubsetDialog</name>
    <message>
        <source>Make subset of {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copies a number of images per class into train/, validation/ and test/ folders of a new folder, as the book builds its 1000/500/500 cats and dogs. {0} is not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train per class:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation per class:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test per class:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an empty folder for the subset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Will copy {0} images: train {1}, validation {2}, test {3}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fewer than asked: {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the new folder first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dataset has fewer images than asked for.

{0}

Copy what there is?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fewer images than asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied {0} images.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelineDock</name>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step through the epochs and watch the maps change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-1 class map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>True class map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train with probe images (Training dock) or load a run from the Runs dock to see its timeline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline — {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No epoch has been explained yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} probe images, Grad-CAM at layer {1}: green when the top-1 is right, red when wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch {0} of {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} {1:.0%}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(is {0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopClassesPanel</name>
    <message>
        <source>Drop images or a folder on this panel to see the run&apos;s top {0} classes for each.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a run first: its model classifies the images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classifying {0} images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>({0} more left out)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot classify: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top {0} classes of {1} images by {2}. Drop more to replace them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left out: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingDock</name>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RMSprop (the book&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AdamW (decoupled weight decay)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SGD with momentum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If the loss becomes NaN or jumps up, lower it ten-fold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same seed, data and settings give the same run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe images:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the folder for training runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each run gets its own new folder here: settings, metrics and weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready. Press Train to start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open run folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight decay, learning-rate schedule, early stopping, device, precision, threads, memory for images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SGD&apos;s momentum: 0.9 is usual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Penalises large weights against overfitting (L2; AdamW decouples it). 0: none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Constant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same learning rate every epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multiply the rate by the factor every few epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lower the rate along a half cosine, to zero at the last epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reduce on plateau</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multiply the rate by the factor when the monitored metric stops improving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the learning rate changes from epoch to epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs between two steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rate is multiplied by this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rate is multiplied by this when progress stalls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs without improvement before the rate is lowered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The metric that picks the best epoch (best weights), for early stopping and the plateau</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop when the monitored metric has not improved for this many epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the best weights at the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the run ends, the model goes back to its best epoch (by the monitored metric)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apple GPU (MPS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where to train; only the devices found on this computer are listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (mixed where the device is fast at it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>float32 (exact, slower)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bfloat16 mixed precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>float16 mixed precision (GPUs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number format of the forward pass. Automatic: bfloat16 on CPUs with AMX or AVX512-BF16 and on recent GPUs, float16 on older GPUs, else float32. Weights always stay float32; the log says the choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All cores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU threads PyTorch may use; fewer keeps the computer responsive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory for decoded images; a dataset that needs more is streamed from disk. Auto: a quarter of the RAM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Momentum:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight decay:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LR schedule:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step factor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plateau factor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plateau patience:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monitor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Early stopping:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU threads:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory for images:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingPresenter</name>
    <message>
        <source>Loading images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting a run in {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused. Press Resume to go on, or Stop to end the run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training stopped: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch {0}/{1}: loss {2:.4f}, accuracy {3:.1%}; validation loss {4:.4f}, accuracy {5:.1%}{6}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (best so far)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished. Validation accuracy {0:.1%} at the end; the best epoch was {1} ({2:.1%}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped. The run folder keeps the weights of the last finished epoch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped before the first epoch ended; no run folder was kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training stopped here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}… {1}/{2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch {0}/{1} · batch {2}/{3} · loss {4:.4f} · ETA {5} · {6:.0f} images/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowShell</name>
    <message>
        <source>Loading PyTorch and the engine…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine (PyTorch) is loading; Train is enabled when it is ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>cnnstudio cannot start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cnnstudio could not start:

{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>Running the image through the network</source>
        <comment>activations.forward</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layer “{layer}” gives {shape} numbers, not 2-D feature maps: pick a convolution or pooling layer.</source>
        <comment>activations.not_maps</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give exactly one image (got {count}).</source>
        <comment>cli.activations_one_image</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cnnstudio layers takes a run folder or --backbone NAME, not an image ({image}).</source>
        <comment>cli.layers_no_image</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a run folder (written by cnnstudio train) or --backbone NAME.</source>
        <comment>cli.no_network</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give at least one image to classify.</source>
        <comment>cli.predict_no_images</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a run folder (or --backbone NAME) and at least one image.</source>
        <comment>cli.predict_no_run</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A {kernel}×{kernel} kernel does not fit a {height}×{width} image with this padding. Use a smaller kernel, “same” padding, or a larger image.</source>
        <comment>convolution.kernel_too_big</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The filters of “{layer}” have {channels} input channels (numbered from 0); there is no channel {channel}.</source>
        <comment>convolution.no_channel</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network “{network}” has no convolution layer to take a kernel from.</source>
        <comment>convolution.no_conv_layer</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first convolution layer “{layer}” has {filters} filters (numbered from 0); there is no filter {index}.</source>
        <comment>convolution.no_filter</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augmentation setting &apos;fill_mode&apos; is {value}; use one of {modes}.</source>
        <comment>data.augment_bad_fill_mode</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augmentation setting &apos;{name}&apos; must be true or false, not {value}.</source>
        <comment>data.augment_not_a_flag</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The augmentation settings must be a mapping of setting names to values, not {kind}. Fix the &apos;augment&apos; entry of the run configuration.</source>
        <comment>data.augment_not_a_mapping</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augmentation setting &apos;{name}&apos; must be a number, not {value}.</source>
        <comment>data.augment_not_a_number</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augmentation setting &apos;{name}&apos; must be a number ({meaning}), not {value}.</source>
        <comment>data.augment_not_a_number_meaning</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augmentation setting &apos;{name}&apos; is {value}; it is {meaning} and must be between {low:g} and {high:g}. Set it in that range (0 turns it off).</source>
        <comment>data.augment_out_of_range</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the smallest fraction of the area kept, e.g. 0.6</source>
        <comment>data.augment_unit_crop</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>degrees</source>
        <comment>data.augment_unit_degrees</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a fraction of the height</source>
        <comment>data.augment_unit_height</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a fraction of the colour wheel</source>
        <comment>data.augment_unit_hue</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a colour jitter factor</source>
        <comment>data.augment_unit_jitter</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a probability</source>
        <comment>data.augment_unit_probability</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a fraction of the width</source>
        <comment>data.augment_unit_width</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the zoom scale varies in [1 - z, 1 + z]</source>
        <comment>data.augment_unit_zoom</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown augmentation setting &apos;{name}&apos;. Remove it; the known settings are: {known}.</source>
        <comment>data.augment_unknown_setting</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The validation and test fractions must each be in [0, 1) and leave images for training.</source>
        <comment>data.bad_fractions</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} cannot be added to {class_name}: {reason}.</source>
        <comment>data.cannot_add</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the folder {folder}: {error}.</source>
        <comment>data.cannot_read_folder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking images</source>
        <comment>data.checking_images</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No {split} image is left for {classes}: their files were deleted or moved after {folder} was scanned. Rescan the folder (open it again) before training.</source>
        <comment>data.classes_emptied</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copying images</source>
        <comment>data.copying</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class folder(s) without usable images, left out: {names}.</source>
        <comment>data.empty_classes</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder {folder} does not exist; choose an existing dataset folder.</source>
        <comment>data.folder_missing</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{folder} already exists and is not an empty folder; choose a new folder so nothing is overwritten.</source>
        <comment>data.folder_not_empty</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <comment>data.found_none</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only &apos;{name}&apos;</source>
        <comment>data.found_only</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{found} (no usable images in: {empty})</source>
        <comment>data.found_with_empty</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generating {split} images</source>
        <comment>data.generating</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min {min_width}×{min_height} · median {median_width}×{median_height} · max {max_width}×{max_height}</source>
        <comment>data.image_size_range</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{width}×{height}</source>
        <comment>data.image_size_uniform</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{first}; {rest}</source>
        <comment>data.list_more</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading {split} images</source>
        <comment>data.loading</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading {split} images (cached)</source>
        <comment>data.loading_cached</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} image(s) directly in {folder}/ belong to no class folder and are ignored.</source>
        <comment>data.loose_images</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images per class must be zero or more.</source>
        <comment>data.negative_count</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images can be added to datasets with class folders only; this dataset has none to copy into.</source>
        <comment>data.no_class_folders</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{folder} has no image files ({extensions}).</source>
        <comment>data.no_image_files</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} file(s) have no class prefix (like cat.123.jpg) and are ignored.</source>
        <comment>data.no_prefix</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{folder}/train has no usable images.</source>
        <comment>data.no_usable_train</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no validation/ folder: training will need a validation split.</source>
        <comment>data.no_validation_folder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{class_name}&apos; is not a class of {dataset}.</source>
        <comment>data.not_a_class</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{folder} is a file, not a folder; choose the folder that holds the images or one sub-folder per class.</source>
        <comment>data.not_a_folder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough images for every request; copying what there is ({shortfalls}).</source>
        <comment>data.not_enough_images</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{folder} holds no images and no sub-folders; choose a folder with one sub-folder per class, train/ and validation/ folders, or images named by class (cat.1.jpg, dog.1.jpg).</source>
        <comment>data.nothing_in_folder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{class_name} {split}: {count} of {requested}</source>
        <comment>data.shortfall</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped {count} file(s) that could not be used.</source>
        <comment>data.skipped_files</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped {count} {split} file(s) that could not be decoded.</source>
        <comment>data.skipped_undecodable</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped {count} {split} file(s) that no longer exist (deleted or moved after the scan); rescan the folder to update the dataset.</source>
        <comment>data.skipped_vanished</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not copy {file} into the subset {folder}: {error}. Nothing of the subset was kept; fix the cause and try again.</source>
        <comment>data.subset_copy_failed</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The subset folder {folder} is inside the dataset {source}; choose a folder outside it.</source>
        <comment>data.subset_inside_source</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make subset copies image files; write the demo dataset out first (cnnstudio demo-data).</source>
        <comment>data.subset_of_demo</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} no longer exists (deleted or moved after the dataset was scanned), so the subset {folder} was not made and nothing of it was kept. Rescan the dataset and try again.</source>
        <comment>data.subset_source_vanished</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{folder} needs at least two classes with images (one sub-folder of images per class); found {found}.</source>
        <comment>data.too_few_classes</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown split(s) {splits}; use train, validation and test.</source>
        <comment>data.unknown_splits</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{folder} has no matching class folder in {train}/ and is ignored.</source>
        <comment>data.unmatched_class</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>torchrun&apos;s environment variable {name} is {value!r}, not a usable number: start the command with torchrun, or unset WORLD_SIZE to train in one process.</source>
        <comment>distributed.bad_variable</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cached features cannot be shared among the {processes} processes of a distributed run: train without --cached-features (the head alone trains fast in one process), or end to end.</source>
        <comment>distributed.cached_features</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A distributed run trains on CPUs (gloo) or CUDA GPUs (NCCL), not on {device}: use --device cpu or --device cuda.</source>
        <comment>distributed.device</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Process {local_rank} of this node has no GPU of its own: the node has {gpus}; start at most that many processes per node (torchrun --nproc-per-node).</source>
        <comment>distributed.no_gpu_for_rank</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distributed run: {processes} processes ({backend}). The batch size is per process: each step trains on {processes} times as many images. Only this process (rank 0) writes the run folder and prints.</source>
        <comment>distributed.started</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This PyTorch has no torch.distributed, so it cannot train under torchrun: run the command without torchrun.</source>
        <comment>distributed.unavailable</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dataset has classes the run was not trained on ({classes}); the run knows {run_classes}.</source>
        <comment>evaluation.classes_differ</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {split} split has no images to evaluate on; choose another split or a dataset that has one.</source>
        <comment>evaluation.empty_split</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluating on the {split} split</source>
        <comment>evaluation.evaluating</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the run&apos;s model</source>
        <comment>evaluation.loading_run</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run {folder} does not record the dataset it was trained on; give the dataset folder.</source>
        <comment>evaluation.no_recorded_dataset</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run {folder} was trained on {dataset}, which is no longer a folder; give the dataset folder.</source>
        <comment>evaluation.recorded_dataset_missing</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write {path} ({error}); choose another file.</source>
        <comment>export.cannot_write</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting as {format}</source>
        <comment>export.exporting</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} did not keep the run&apos;s metadata when read back; the export is not usable.</source>
        <comment>export.metadata_lost</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder {folder} does not exist; choose a file in a folder that does.</source>
        <comment>export.no_such_folder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ONNX export needs the onnx package: pip install &apos;cnnstudio[export]&apos;.</source>
        <comment>export.onnx_missing</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is a folder; give a file name to export to.</source>
        <comment>export.target_is_folder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient ascent on {count} filters of {layer}</source>
        <comment>filters.ascent</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This network has no convolution layer</source>
        <comment>filters.no_conv</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of the images could be read</source>
        <comment>filters.no_images</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {layer} has no filter {filter} (it has {count})</source>
        <comment>filters.no_such_filter</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {layer} does not output feature maps: pick a convolution layer</source>
        <comment>filters.not_a_map</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding the images that excite {layer} most</source>
        <comment>filters.scanning</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class index {index} is out of range: give an index from 0 to {last}.</source>
        <comment>heatmap.class_out_of_range</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give at least one image (or a folder of images) to make heatmaps of.</source>
        <comment>heatmap.cli_no_images</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is a file, but several images need a folder for --out; give a folder name.</source>
        <comment>heatmap.cli_out_not_folder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing the {method} heatmap</source>
        <comment>heatmap.computing</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heatmaps</source>
        <comment>heatmap.folder_progress</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer “{layer}” gives no 2-D feature maps (its output is {shape}); choose a convolution or pooling layer.</source>
        <comment>heatmap.layer_not_map</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No positive evidence for “{name}” here: the map is all zero (nothing in this layer argues for this class).</source>
        <comment>heatmap.no_positive_evidence</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network has no class called “{name}”. Closest names: {suggestions}. Give a class name or an index.</source>
        <comment>heatmap.no_such_class</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score-CAM: masking the input with {channels} channels</source>
        <comment>heatmap.score_cam_progress</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped {image}: {reason}</source>
        <comment>heatmap.skipped_image</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SmoothGrad: {samples} noisy copies</source>
        <comment>heatmap.smoothgrad_progress</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown heatmap method “{method}”; choose one of {methods}.</source>
        <comment>heatmap.unknown_method</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pillow refuses it as a possible decompression bomb</source>
        <comment>images.detail_bomb</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it cannot be opened</source>
        <comment>images.detail_cannot_open</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a {format} image in colour mode {mode}</source>
        <comment>images.detail_colour_mode</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file ends early or its image data is damaged</source>
        <comment>images.detail_damaged</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it starts like a {format} file, but its header is cut short or damaged</source>
        <comment>images.detail_damaged_header</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is a folder, not a file</source>
        <comment>images.detail_folder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its header says it is {width} x {height} pixels</source>
        <comment>images.detail_header_size</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more than {limit:,}</source>
        <comment>images.detail_more_than</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its contents are not in any image format</source>
        <comment>images.detail_no_image_format</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not a regular file</source>
        <comment>images.detail_not_regular</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not JPEG, PNG, BMP, GIF, WebP or TIFF</source>
        <comment>images.detail_not_supported</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{format}; not JPEG, PNG, BMP, GIF, WebP or TIFF</source>
        <comment>images.detail_other_format</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{width} x {height}, more than {limit:,}</source>
        <comment>images.detail_pixels</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <comment>images.detail_unknown_format</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 bytes</source>
        <comment>images.detail_zero_bytes</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is an empty file ({detail}); copy it again from its source or remove it.</source>
        <comment>images.empty_file</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is not an image ({detail}); remove it from the folder.</source>
        <comment>images.not_an_image</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty file</source>
        <comment>images.reason_empty_file</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an image</source>
        <comment>images.reason_not_an_image</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many pixels</source>
        <comment>images.reason_too_many_pixels</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>truncated</source>
        <comment>images.reason_truncated</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreadable</source>
        <comment>images.reason_unreadable</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsupported format</source>
        <comment>images.reason_unsupported_format</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vanished</source>
        <comment>images.reason_vanished</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} has too many pixels ({detail}); shrink it in an image editor or remove it.</source>
        <comment>images.too_many_pixels</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is truncated ({detail}); re-export or remove it.</source>
        <comment>images.truncated</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is unreadable ({detail}); check that it exists and that you may read it.</source>
        <comment>images.unreadable</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is in an unsupported format ({detail}); save it as PNG or JPEG, or remove it.</source>
        <comment>images.unsupported_format</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The window is closing.</source>
        <comment>job.app_closing</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped by the user.</source>
        <comment>job.stopped_by_user</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected error: {kind}: {error}</source>
        <comment>job.unexpected_error</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The memory for images is {value} MB; use 0 (a quarter of the RAM) or a positive number of MB.</source>
        <comment>loading.bad_cache_mb</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images held in memory: the decoded training and validation images take {needed_mb:.1f} MB, within the {budget_mb:.0f} MB budget.</source>
        <comment>loading.in_memory</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} file(s) of the {split} split could not be read while streaming and were skipped (first: {path}: {reason}).</source>
        <comment>loading.stream_skipped</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Streaming the {splits} images from disk: the decoded images would take {needed_mb:.1f} MB, more than the {budget_mb:.0f} MB budget; {workers} worker process(es) decode them batch by batch. Raise the memory for images (--cache-mb) to hold them in memory.</source>
        <comment>loading.streaming</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {row} (Dense) gets feature maps {shape}; put Flatten or GlobalAveragePooling2D before it.</source>
        <comment>models.dense_on_feature_maps</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {row} (Dropout): rate must be in [0, 1), not {rate}.</source>
        <comment>models.dropout_rate</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The input shape {shape} must be positive in every dimension.</source>
        <comment>models.input_not_positive</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input_shape must be [channels, height, width].</source>
        <comment>models.input_shape_form</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {row} ({kind}): a {k}×{k} kernel does not fit the {height}×{width} input; use a larger image size, &apos;same&apos; padding or fewer pooling layers.</source>
        <comment>models.kernel_too_big</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last layer must be a Dense output layer (softmax, or one sigmoid unit for two classes).</source>
        <comment>models.last_layer_dense</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {row} ({kind}) needs feature maps, but its input is already flat {shape}; move it before Flatten / GlobalAveragePooling2D.</source>
        <comment>models.needs_feature_maps</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model has no layers; add at least an output Dense layer.</source>
        <comment>models.no_layers</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {row} ({kind}): padding must be &apos;valid&apos; or &apos;same&apos;.</source>
        <comment>models.padding</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {row} ({kind}): strides must be a whole number ≥ 1.</source>
        <comment>models.pool_strides</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {row} ({kind}): the {height}×{width} input is smaller than the {p}×{p} pool; the spatial size would reach zero. Use a larger image size or remove a layer.</source>
        <comment>models.pool_too_big</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} does not exist.</source>
        <comment>models.spec_file_missing</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not a cnnstudio model file.</source>
        <comment>models.spec_file_not_a_model</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not a cnnstudio model file (JSON): {detail}.</source>
        <comment>models.spec_file_not_json</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model description is incomplete ({detail}); it needs input_shape and layers.</source>
        <comment>models.spec_incomplete</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A classifier needs at least two classes, not {count}.</source>
        <comment>models.two_classes_needed</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {row} ({kind}): unknown activation &apos;{activation}&apos;.</source>
        <comment>models.unknown_activation</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {row}: unknown type &apos;{kind}&apos;; use one of {choices}.</source>
        <comment>models.unknown_layer_type</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown model &apos;{name}&apos;; choose one of: {choices}.</source>
        <comment>models.unknown_preset</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {row} ({kind}): unknown setting(s) {names}.</source>
        <comment>models.unknown_settings</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {row} ({kind}): {key} must be a whole number ≥ 1, not {value}.</source>
        <comment>models.whole_number</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision: {resolved} ({requested} asked, on {device}): {reason}</source>
        <comment>precision.chosen</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{precision} cannot run on {device}; use auto or fp32.</source>
        <comment>precision.not_on_device</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown precision {precision!r}; use one of {choices}.</source>
        <comment>precision.unknown</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as the settings ask.</source>
        <comment>precision.why_asked</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this device computes bfloat16 fast; weights and optimizer stay float32.</source>
        <comment>precision.why_bf16</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>float16 with a gradient scaler (this GPU has no fast bfloat16); weights and optimizer stay float32.</source>
        <comment>precision.why_fp16</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this device has no fast bfloat16, so float32 is the fastest.</source>
        <comment>precision.why_fp32</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} cannot be used ({detail}); it was not written by this version of cnnstudio.</source>
        <comment>predict.bad_config</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its &apos;{key}&apos; entry is not usable</source>
        <comment>predict.bad_entry</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classifying {image}</source>
        <comment>predict.classifying</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the network</source>
        <comment>predict.loading_network</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no &apos;{key}&apos; entry</source>
        <comment>predict.missing_entry</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not a folder; give a run folder written by cnnstudio train.</source>
        <comment>predict.not_a_folder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the model has {units} outputs for {classes} classes</source>
        <comment>predict.outputs_do_not_match</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The weights in {path} do not fit the model in its config.json ({detail}).</source>
        <comment>predict.weights_do_not_fit</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {title} weights are already downloaded: {path}</source>
        <comment>pretrained.already_downloaded</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{shown}, … and {count} more</source>
        <comment>pretrained.and_more</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create the folder {folder} for the {title} weights ({reason}); check that you may write there, or set TORCH_HOME to another folder.</source>
        <comment>pretrained.cannot_create_folder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write to {folder} ({reason}); check the disk and your permissions there.</source>
        <comment>pretrained.cannot_write</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write the {title} weights to {folder} ({reason}); free some disk space and download again.</source>
        <comment>pretrained.cannot_write_weights</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is damaged or not a safetensors file ({detail}); copy it again or save it again.</source>
        <comment>pretrained.damaged_safetensors_file</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is damaged or not a PyTorch weights file ({detail}); copy it again or save it again.</source>
        <comment>pretrained.damaged_torch_file</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download of the {title} weights broke off after {done:,} of {total:,} bytes; download again. {ways_on}</source>
        <comment>pretrained.download_broke_off</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The downloaded {title} weights are damaged: their SHA-256 starts {actual}, not {expected} as the file name {file} says. Nothing was saved; download again.</source>
        <comment>pretrained.download_damaged</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not download the {title} weights: the server answered {code} {reason} for {url}. {ways_on}</source>
        <comment>pretrained.download_http_error</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not download the {title} weights: there is no network connection to {host} ({reason}). {ways_on}</source>
        <comment>pretrained.download_no_network</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading {name} weights</source>
        <comment>pretrained.downloading</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading the {title} weights from {url}</source>
        <comment>pretrained.downloading_from</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{key} (file {file_shape}, model {model_shape})</source>
        <comment>pretrained.file_and_model_shapes</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{first}, {rest}</source>
        <comment>pretrained.list</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The EfficientNet-Lite0 weights come with the Python package &apos;{package}&apos;, which is not installed. Install it with `pip install {package}` and start cnnstudio again.</source>
        <comment>pretrained.lite0_not_installed</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} missing key: {keys}</source>
        <comment>pretrained.missing_key</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} missing keys: {keys}</source>
        <comment>pretrained.missing_keys</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The weights file {path} does not exist; choose another file.</source>
        <comment>pretrained.missing_weights_file</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} holds no tensors; choose the file with the model&apos;s weights.</source>
        <comment>pretrained.no_tensors</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} holds a {kind}, not a state_dict (names → tensors); save model.state_dict() and load that file.</source>
        <comment>pretrained.not_a_state_dict</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is not a weights file this app reads; choose a PyTorch state_dict (.pth, .pt, .bin) or a .safetensors file.</source>
        <comment>pretrained.not_a_weights_file</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The EfficientNet-Lite0 weights are installed with their Python package: {path}</source>
        <comment>pretrained.package_weights</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} contains pickled objects, which cnnstudio never loads; save a state_dict or a safetensors file.</source>
        <comment>pretrained.pickled_objects</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{first}; {rest}</source>
        <comment>pretrained.problems</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} shape mismatch: {keys}</source>
        <comment>pretrained.shape_mismatch</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} shape mismatches: {keys}</source>
        <comment>pretrained.shape_mismatches</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} unexpected key: {keys}</source>
        <comment>pretrained.unexpected_key</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} unexpected keys: {keys}</source>
        <comment>pretrained.unexpected_keys</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown backbone &apos;{name}&apos;; choose one of: {choices}.</source>
        <comment>pretrained.unknown_backbone</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the weights file {path} ({reason}).</source>
        <comment>pretrained.unreadable_weights_file</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two ways on: use &apos;Load weights file…&apos; to load a copy of the weights (a .pth or .safetensors state_dict) from this computer, or choose EfficientNet-Lite0, whose weights come with a Python package and work offline.</source>
        <comment>pretrained.ways_on</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The weights in {file} do not fit {model}: {problems}. Choose a file saved from this same architecture with 1000 ImageNet classes (its state_dict), or choose the backbone the file was saved from.</source>
        <comment>pretrained.weights_do_not_fit</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {title} weights are not on this computer yet. Download them first ({megabytes:.0f} MB), or use &apos;Load weights file…&apos; to load a copy of {file} (a .pth or .safetensors state_dict), or choose EfficientNet-Lite0, which works offline.</source>
        <comment>pretrained.weights_not_here</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the {title} weights to {path}</source>
        <comment>pretrained.weights_saved</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe images are not explained on cached features (the head trains without the base): train end to end to see them over time.</source>
        <comment>probes.cached_features</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{folder} has no probe images: train with probe images (cnnstudio train --probes auto) to see explanations over time.</source>
        <comment>probes.none</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No probe image could be used: this run is trained without explanations over time.</source>
        <comment>probes.none_usable</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the run&apos;s explanations over time…</source>
        <comment>probes.reading</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explaining {count} probe images after each epoch (Grad-CAM and top-1, saved in the run&apos;s probes folder).</source>
        <comment>probes.recording</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe image {path} was skipped: {reason}</source>
        <comment>probes.skipped</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} probe images were given; only the first {kept} are kept.</source>
        <comment>probes.too_many</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The probes of this run cannot be read ({path}): {error}</source>
        <comment>probes.unreadable</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{name}” cannot name a run: a name must not be empty, start with a dot, or contain / or \.</source>
        <comment>runs.bad_name</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{folder} is in use by a run in progress (process {pid} on {host}, started {started}); stop that run or wait for it to end first.</source>
        <comment>runs.busy</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write {path} ({error}); check the disk and that you may write there, or choose another run folder.</source>
        <comment>runs.cannot_write</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot delete {folder} ({error}); part of it may be left.</source>
        <comment>runs.delete_failed</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write {path}: the disk that holds {folder} reported an input/output error. Check the disk, or choose a run folder on another disk.</source>
        <comment>runs.disk_error</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write {path}: the disk is full. Free some space on the disk that holds {folder}, or choose a run folder on another disk.</source>
        <comment>runs.disk_full</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is missing; {folder} is not a complete cnnstudio run folder.</source>
        <comment>runs.file_missing</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not valid JSON ({error}); it was damaged or not written by cnnstudio.</source>
        <comment>runs.file_not_json</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} does not hold a JSON object; it was damaged or not written by cnnstudio.</source>
        <comment>runs.file_not_object</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} cannot be read ({error}).</source>
        <comment>runs.file_unreadable</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write {path}: the folder {folder} is gone (deleted, moved, or its disk removed). Choose a folder that exists and train again.</source>
        <comment>runs.folder_vanished</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run folder {folder} is being used by another run (process {pid} on {host}, started {started}); choose another folder or wait for that run to end.</source>
        <comment>runs.in_use</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The process training this run ended without saying how (killed, or the machine stopped); its last finished epoch is kept.</source>
        <comment>runs.interrupted</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run folder {folder} is a file; choose a new folder name.</source>
        <comment>runs.is_a_file</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{root} already holds something named {name}; choose another name.</source>
        <comment>runs.name_taken</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{folder} is not a cnnstudio run folder (it holds no config.json or status.json); it is left as it is.</source>
        <comment>runs.not_a_run</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run folder {folder} already exists and is not empty; choose a new folder so nothing is overwritten.</source>
        <comment>runs.not_empty</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write {path}: you may not write in {folder}. Choose a folder you may write to, or change its permissions.</source>
        <comment>runs.not_permitted</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write {path}: your disk quota on the disk that holds {folder} is used up. Free some space in your quota, or choose a run folder on another disk.</source>
        <comment>runs.quota_exceeded</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write {path}: the disk that holds {folder} is read-only. Choose a folder you may write to.</source>
        <comment>runs.read_only</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot rename {folder} to {name} ({error}).</source>
        <comment>runs.rename_failed</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} names an unknown status &apos;{status}&apos;; it was damaged or not written by cnnstudio.</source>
        <comment>runs.unknown_status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{folder} cannot be read ({error}).</source>
        <comment>runs.unreadable</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not a valid safetensors weights file ({error}).</source>
        <comment>runs.weights_invalid</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is missing; the run may not have finished an epoch.</source>
        <comment>runs.weights_missing</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{setting} must be at least 1, not {value}.</source>
        <comment>training.at_least_one</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augmenting the training images (validation images are left as they are).</source>
        <comment>training.augmenting</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pretrained networks take RGB images; set channels to 3.</source>
        <comment>training.backbone_rgb</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>channels must be 1 (grayscale) or 3 (RGB), not {value}.</source>
        <comment>training.bad_channels</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{setting} must be between 0 and 1 (the learning rate is multiplied by it), not {value}.</source>
        <comment>training.bad_factor</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The learning rate must be a positive number, not {value}.</source>
        <comment>training.bad_learning_rate</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Momentum must be at least 0 and below 1, not {value}.</source>
        <comment>training.bad_momentum</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{setting} must be 0 or more epochs, not {value}.</source>
        <comment>training.bad_patience</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight decay must be at least 0 and below 1, not {value}.</source>
        <comment>training.bad_weight_decay</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On cached features an epoch took {epoch_seconds:.2f} s; end to end through the frozen base each epoch would repeat the {feature_seconds:.1f} s feature pass — about {ratio:.0f}× slower (but only end to end can the images be augmented).</source>
        <comment>training.cached_speedup</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped before the last epoch; the weights of the last finished epoch are kept.</source>
        <comment>training.cancelled_kept</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not a cnnstudio checkpoint of a format this version knows.</source>
        <comment>training.checkpoint_format</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} cannot be read as a cnnstudio checkpoint ({error}); it is damaged or was not written by cnnstudio (only plain data is ever loaded from it).</source>
        <comment>training.checkpoint_invalid</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing features</source>
        <comment>training.computing_features</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing {split} features</source>
        <comment>training.computing_split_features</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind}: {error}</source>
        <comment>training.crashed</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut after {block} ({cut} of {cuts})</source>
        <comment>training.depth_cut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compared {cuts} depths.</source>
        <comment>training.depth_done</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The depth comparison needs a pretrained base: choose a backbone first.</source>
        <comment>training.depth_needs_backbone</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The loss became {loss} at epoch {epoch}, batch {step}: training diverged. Lower the learning rate (now {learning_rate:g}; try {suggestion:g}).</source>
        <comment>training.diverged</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature extraction: {backbone} frozen, training the new head ({parameters:,} parameters) end to end on {device}.</source>
        <comment>training.feature_extraction</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>computed</source>
        <comment>training.features_computed</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read from the cache</source>
        <comment>training.features_from_cache</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Features from the cache</source>
        <comment>training.features_from_disk_cache</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Features of {images} images {how} in {seconds:.1f} s; now training only the head ({parameters:,} parameters) on them.</source>
        <comment>training.features_ready</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tuning trains the base itself, so it cannot use cached features; turn one of them off.</source>
        <comment>training.fine_tune_cached</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tuning: unfrozen blocks {blocks}; {parameters:,} trainable parameters, learning rate {learning_rate:g}.</source>
        <comment>training.fine_tuning</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished: validation accuracy {last_accuracy:.1%} after epoch {last_epoch}; the best epoch by {monitor} was epoch {best_epoch} ({best_accuracy:.1%}), kept as best.safetensors.</source>
        <comment>training.finished</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training {model} ({parameters:,} parameters) on {train_images} images, validating on {val_images}, {epochs} epochs on {device}.</source>
        <comment>training.from_scratch</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} trained {run_model}, not {backbone}; fine-tune from a feature-extraction run of {backbone}.</source>
        <comment>training.init_from_backbone</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} was trained on {run_classes} classes but this dataset has {dataset_classes}; fine-tune from a run on the same classes.</source>
        <comment>training.init_from_classes</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not a finished cnnstudio run (no best.safetensors); give the folder of a feature-extraction run.</source>
        <comment>training.init_from_missing</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The loss reached {loss:.3g} at epoch {epoch}, batch {step}, after staying above {factor:g}× the first epoch&apos;s median loss ({median:.3g}) for {batches} batches in a row: training diverged. Lower the learning rate (now {learning_rate:g}; try {suggestion:g}).</source>
        <comment>training.loss_exploded</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augmentation is not possible on cached features (each image&apos;s features are computed once); it is ignored. Train end to end through the frozen base to use it.</source>
        <comment>training.no_augment_on_cache</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <comment>training.no_blocks</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{folder} has no checkpoint.pt to continue from: the run ended before its first epoch, or an older version of cnnstudio wrote it.</source>
        <comment>training.no_checkpoint</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUDA was requested but no CUDA GPU is available; use --device cpu.</source>
        <comment>training.no_cuda</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tuning needs at least one fine-tuning epoch.</source>
        <comment>training.no_fine_tune_epochs</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MPS (the Apple GPU) was requested but is not available here; use --device cpu or auto.</source>
        <comment>training.no_mps</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{dataset} has no readable training images.</source>
        <comment>training.no_training_images</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{dataset} has no validation images: set a validation fraction above 0, or add a validation/ folder with class folders beside train/.</source>
        <comment>training.no_validation_images</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model was set back to the weights of epoch {epoch}, the best by {monitor} (restore best weights); last.safetensors holds them too.</source>
        <comment>training.restored_best</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{folder} was trained on the classes {run_classes}, but this dataset has {dataset_classes}; continue it on the same classes.</source>
        <comment>training.resume_classes</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The config.json of {folder} does not describe its model, so the run cannot be rebuilt and continued.</source>
        <comment>training.resume_no_model</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{folder} already has {done} epochs, and {epochs} is not more: the number of epochs is the run&apos;s total, so give more than {done} to continue it.</source>
        <comment>training.resume_no_more_epochs</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run trained on {trained_on} and now continues on {device}: it goes on from the same weights and optimizer, but its dropout draws new random numbers, so it will not be bitwise the run that stayed on {trained_on}.</source>
        <comment>training.resume_other_device</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continuing {run} from epoch {done} up to epoch {epochs}.</source>
        <comment>training.resuming</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting from the weights of {run}.</source>
        <comment>training.starting_from</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Early stopping: {monitor} has not improved for {patience} epochs (the best was epoch {best_epoch}); stopped after epoch {epoch}.</source>
        <comment>training.stopped_early</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unfreeze, fine-tune epochs and head units must be zero or more, and the dropout in [0, 1).</source>
        <comment>training.transfer_ranges</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training needs at least two classes.</source>
        <comment>training.two_classes</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown backbone {backbone!r}; choose one of: {choices}.</source>
        <comment>training.unknown_backbone</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{backbone} has no block &quot;{block}&quot; to cut after; its blocks are: {choices}.</source>
        <comment>training.unknown_cut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown device {device!r}; use auto, cpu, cuda or mps.</source>
        <comment>training.unknown_device</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown mode {mode!r}; use feature-extraction or fine-tune.</source>
        <comment>training.unknown_mode</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown model {model!r}; choose one of: {choices}, or build a custom stack.</source>
        <comment>training.unknown_model</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown metric to monitor {monitor!r}; choose one of: {choices}.</source>
        <comment>training.unknown_monitor</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown optimizer {optimizer!r}; choose one of: {choices}.</source>
        <comment>training.unknown_optimizer</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown learning-rate schedule {schedule!r}; choose one of: {choices}.</source>
        <comment>training.unknown_schedule</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validating</source>
        <comment>training.validating</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The validation loss became {loss} at epoch {epoch}: the model diverged. Lower the learning rate (now {learning_rate:g}; try {suggestion:g}).</source>
        <comment>training.validation_diverged</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This network has no layer with 2-D feature maps to show.</source>
        <comment>visualize.no_feature_maps</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network has no layer called “{layer}”. Closest names: {suggestions}. `cnnstudio layers` lists them all.</source>
        <comment>visualize.no_such_layer</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
